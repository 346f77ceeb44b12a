using System.Text;
using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// http-request: a TCP segment to an endpoint port whose payload starts with <c>METHOD SP</c> (exact case,
/// as HTTP methods are) and whose first line, up to the first CR or LF within the first 1024 bytes, contains
/// the text ASCII case-insensitively. Client: the source.
/// </summary>
internal sealed class HttpRequestEvaluator : IRuleEvaluator
{
    public const int MaxInspected = 1024;

    public RuleKind Kind => HttpRequestRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((HttpRequestRule)rule, version, index);

    private sealed class Matcher(HttpRequestRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        private readonly byte[] prefix = Encoding.ASCII.GetBytes(rule.Method + " ");
        private readonly byte[] needle = Encoding.ASCII.GetBytes(rule.LineContains.ToLowerInvariant());

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (!frame.IsTcp || !Endpoints.Fits(true, frame.DestinationPort) || !frame.Payload.StartsWith(prefix))
            {
                return false;
            }

            var head = frame.Payload[..Math.Min(frame.Payload.Length, MaxInspected)];
            var lineEnd = head.IndexOfAny((byte)'\r', (byte)'\n');
            var line = lineEnd < 0 ? head : head[..lineEnd];
            return ContainsIgnoringCase(line, needle);
        }

        private static bool ContainsIgnoringCase(ReadOnlySpan<byte> line, ReadOnlySpan<byte> lowerNeedle)
        {
            for (var i = 0; i + lowerNeedle.Length <= line.Length; i++)
            {
                var j = 0;
                while (j < lowerNeedle.Length && Lower(line[i + j]) == lowerNeedle[j])
                {
                    j++;
                }

                if (j == lowerNeedle.Length)
                {
                    return true;
                }
            }

            return false;
        }

        private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
    }
}
