using SkypeDissect.Model.Versions;

namespace SkypeDissect.Model;

/// <summary>The model every tool uses.</summary>
public static class Signatures
{
    /// <summary>
    /// The paper's versions first, then the versions learned from captures (7.7.3, <see cref="Skype773"/>): a frame
    /// is tagged by the first enabled version whose rule matches, so the paper's cases keep their tags, and a learned
    /// version tags what the paper's rules do not explain. To hold a capture to one version alone, disable the others
    /// (<c>analyze --versions 7.7.3</c>, the plugin's per-version preferences). Each login's summary says which
    /// version matched most of its frames.
    /// </summary>
    public static SignatureModel Default { get; } = new([PaperVersions.Skype6_3, PaperVersions.Skype5_6, Skype773.Version]);
}
