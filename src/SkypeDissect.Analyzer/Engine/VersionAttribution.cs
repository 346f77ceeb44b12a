using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// Which enabled version explains a client's traffic (docs/tagging.md section 2.1): the version a build in its
/// traffic named, otherwise the version whose rules matched most of its frames so far; ties go to model order.
/// </summary>
internal sealed class Attribution(int versions)
{
    /// <summary>Position (among the enabled versions) of the version a build named; -1 while none did.</summary>
    public int Named { get; set; } = -1;

    /// <summary>Per enabled version, the frames judged by the rules in which the version had a candidate for this client.</summary>
    public int[] Votes { get; } = new int[versions];

    public int Version
    {
        get
        {
            if (Named >= 0)
            {
                return Named;
            }

            var best = 0;
            for (var i = 1; i < Votes.Length; i++)
            {
                if (Votes[i] > Votes[best])
                {
                    best = i;
                }
            }

            return best;
        }
    }
}

/// <summary>
/// The choice among the enabled versions' candidates for a frame, and the client's attribution it reads and
/// updates. Used only when more than one version is enabled.
/// </summary>
internal sealed class VersionAttribution(CompiledModel model)
{
    private readonly RuleMatcher?[] candidates = new RuleMatcher?[model.Versions.Count];

    // The tagged frames of a login come from one client in long runs: its entry is remembered. Only a write
    // to the table (a new client) can evict it, and every write goes through Of, which replaces it.
    private IpAddress lastClient;
    private Attribution? last;

    /// <summary>Clears the candidates of the previous frame.</summary>
    public void Begin() => Array.Clear(candidates);

    /// <summary>The version's first matching rule for the frame (a candidate naming the first candidate's client).</summary>
    public void Add(RuleMatcher candidate) => candidates[candidate.Version.Ordinal] = candidate;

    /// <summary>
    /// Counts the frame for every version with a candidate, reads a build the frame names, and returns the
    /// client's version's candidate, or <paramref name="first"/> when that version has none.
    /// </summary>
    public RuleMatcher Choose(AnalyzerState state, in FrameFacts f, RuleMatcher first, IpAddress client)
    {
        var a = Of(state, client);
        var feedbackName = false;
        var updateRequest = false;
        foreach (var c in candidates)
        {
            if (c is null)
            {
                continue;
            }

            a.Votes[c.Version.Ordinal]++;
            feedbackName |= c.Rule.Kind.Lookup && c.Rule.Group == GroupIds.Feedback;
            updateRequest |= c.Rule.Group == GroupIds.VersionUpdate;
        }

        if (a.Named < 0)
        {
            if (feedbackName && f.IsDns && BuildEvidence.TryFromFeedbackName(f.DnsName, out var build))
            {
                a.Named = BuildEvidence.NamedVersion(build, model.Versions);
            }

            if (updateRequest)
            {
                NoteRequest(f, a);
            }
        }

        return candidates[a.Version] ?? first;
    }

    /// <summary>A frame tagged through flow memory: a version-update connection's request line may name a build.</summary>
    public void NoteFlowFrame(AnalyzerState state, in FrameFacts f, RuleMatcher tag, IpAddress client)
    {
        if (tag.Rule.Group == GroupIds.VersionUpdate && !f.Payload.IsEmpty)
        {
            var a = Of(state, client);
            if (a.Named < 0)
            {
                NoteRequest(f, a);
            }
        }
    }

    /// <summary>The client's version, or null when it has no attribution (never judged, or forgotten).</summary>
    public CompiledVersion? VersionOf(AnalyzerState state, IpAddress client) =>
        Find(state, client) is { } a ? model.Versions[a.Version] : null;

    private Attribution? Find(AnalyzerState state, IpAddress client)
    {
        if (last is not null && client == lastClient)
        {
            return last;
        }

        if (!state.Attributions.TryGetValue(client, out var a))
        {
            return null;
        }

        (lastClient, last) = (client, a);
        return a;
    }

    private Attribution Of(AnalyzerState state, IpAddress client)
    {
        if (Find(state, client) is not { } a)
        {
            state.Attributions.Set(client, a = new Attribution(model.Versions.Count));
            (lastClient, last) = (client, a);
        }

        return a;
    }

    private void NoteRequest(in FrameFacts f, Attribution a)
    {
        if (f.IsTcp && BuildEvidence.TryFromRequestLine(BuildEvidence.FirstLine(f.Payload), out var build))
        {
            a.Named = BuildEvidence.NamedVersion(build, model.Versions);
        }
    }
}
