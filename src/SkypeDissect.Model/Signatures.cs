using SkypeDissect.Model.Versions;

namespace SkypeDissect.Model;

/// <summary>The model every tool uses.</summary>
public static class Signatures
{
    /// <summary>
    /// The paper's versions first, then the versions learned from captures (7.7.3, <see cref="Skype773"/>). With
    /// several enabled, each client's traffic is attributed to one version (docs/tagging.md 2.1): the one a build in
    /// its traffic names, else the one whose rules matched most of its frames so far, ties in this order (so the
    /// paper's cases keep their tags). To hold a capture to one version alone, disable the others
    /// (<c>analyze --versions 7.7.3</c>, the plugin's per-version preferences).
    /// </summary>
    public static SignatureModel Default { get; } = new([PaperVersions.Skype6_3, PaperVersions.Skype5_6, Skype773.Version]);
}
