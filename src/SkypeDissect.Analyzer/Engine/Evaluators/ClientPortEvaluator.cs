using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// client-port: UDP from or to a client's learned Skype port, with a remote host that is not the client and
/// that is already in this rule's remote set for the client, or the set still has room (or no limit).
/// Client: the end on its Skype port (source first).
/// </summary>
internal sealed class ClientPortEvaluator : IRuleEvaluator
{
    public RuleKind Kind => ClientPortRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((ClientPortRule)rule, version, index);

    private static readonly int Slot = RuleKinds.Position(ClientPortRule.Descriptor);

    /// <summary>The kind's state in <paramref name="state"/>: remote hosts per rule (by matcher index) and client; only for rules with a limit.</summary>
    internal static BoundedTable<(int Matcher, IpAddress Client), List<IpAddress>> RemotesOf(AnalyzerState state) =>
        (BoundedTable<(int Matcher, IpAddress Client), List<IpAddress>>)state.KindState(Slot, static bounds => new BoundedTable<(int Matcher, IpAddress Client), List<IpAddress>>(bounds.RemoteSets));

    private sealed class Matcher(ClientPortRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (frame.IsTcp || state.Clients.Count == 0)
            {
                return false;
            }

            if (Fits(frame, state, clientIsSource: true))
            {
                return true;
            }

            clientIsSource = false;
            return Fits(frame, state, clientIsSource: false);
        }

        private bool Fits(in FrameFacts frame, AnalyzerState state, bool clientIsSource)
        {
            var client = frame.Address(clientIsSource);
            var remote = frame.Address(!clientIsSource);
            if (!state.Clients.TryGetValue(client, out var readings) || readings[Version.Ordinal].Port != frame.Port(clientIsSource) || remote == client)
            {
                return false;
            }

            if (rule.MaxRemotes is not { } max || !RemotesOf(state).TryGetValue((Index, client), out var remotes))
            {
                return true; // no limit, or an empty set
            }

            return remotes.Contains(remote) || remotes.Count < max;
        }

        // Only a rule with a limit keeps the set (without one, Fits never needs it).
        public override void OnTagged(in FrameFacts frame, AnalyzerState state, IpAddress client, IpAddress server)
        {
            if (rule.MaxRemotes is null)
            {
                return;
            }

            if (!RemotesOf(state).TryGetValue((Index, client), out var remotes))
            {
                RemotesOf(state).Set((Index, client), remotes = []);
            }

            if (!remotes.Contains(server))
            {
                remotes.Add(server);
            }
        }
    }
}
