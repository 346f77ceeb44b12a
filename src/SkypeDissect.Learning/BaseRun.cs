using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// The base version run over a capture as the analyzer runs it, so that the learner compares with what the
/// base's rules do rather than matching again: per frame, the rule that tags it (the engine: gates, flow memory,
/// timers, learned addresses) and the rules whose kind matches it with its gate set aside (each rule's compiled
/// evaluator, asked with the engine's state after the frame). Rules are named by their index in the base version.
/// </summary>
internal sealed class BaseRun
{
    private readonly TaggingEngine engine;
    private readonly RuleMatcher[] matchers;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly List<int> matched = [];

    public BaseRun(ClientVersion version)
    {
        var compiled = new CompiledModel(new SignatureModel([version]), null);
        engine = new TaggingEngine(compiled, details: false);
        matchers = [.. compiled.Matchers];
        for (var i = 0; i < version.Rules.Count; i++)
        {
            index.TryAdd(version.Rules[i].Id, i);
        }
    }

    /// <summary>Runs the engine on the next record (every record, in capture order): the index of the rule that tagged it, or -1.</summary>
    public int Tag(in CaptureRecord record, ReadOnlySpan<byte> data) =>
        engine.Process(record, data) is { } tagged ? index[tagged.Tag.Rule] : -1;

    /// <summary>
    /// The rules whose evaluator matches the frame just tagged, gates aside, in rule order (valid until the next
    /// call). <paramref name="frame"/> is that record decoded by the caller, its DNS question read as the engine reads it.
    /// </summary>
    public IReadOnlyList<int> Match(in FrameFacts frame)
    {
        matched.Clear();
        for (var i = 0; i < matchers.Length; i++)
        {
            if (matchers[i].Admits(frame) && matchers[i].TryMatch(frame, engine.State, out _))
            {
                matched.Add(i);
            }
        }

        return matched;
    }
}
