using SkypeDissect.Model.Versions;

namespace SkypeDissect.Model;

/// <summary>The model every tool uses. Versions are listed newest first.</summary>
public static class Signatures
{
    public static SignatureModel Default { get; } = new([PaperVersions.Skype6_3, PaperVersions.Skype5_6]);
}
