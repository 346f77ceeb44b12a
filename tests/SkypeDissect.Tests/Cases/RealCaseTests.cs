using System.Security.Cryptography;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cases;

/// <summary>Real-capture case folders: a copy of a capture of tests/data, held to versions the model knows.</summary>
public sealed class RealCaseTests
{
    [Fact]
    public void Real7_7_3_IsTheSharedCaptureUnchanged()
    {
        var folder = new CaseFolder("real-skype-7.7.3");

        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.Capture)))
            .Should().Be("364fbd5bdfaa3cb8430938a9b9963b1eccd3ae380550eb406dbeee157f53051b", "tests/data/README.md gives this digest");
        File.ReadAllBytes(folder.Capture).Should().Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Data, "real", "skype-7.7.3-login-macos-2015.pcap")));
        folder.IsReal.Should().BeTrue();
        folder.Versions.Should().BeEquivalentTo(["7.7.3"]);
    }

    [Fact]
    public void EveryVersionsFile_NamesVersionsOfTheModel()
    {
        foreach (var folder in CaseFolder.All().Where(f => f.Versions is not null))
        {
            folder.Versions.Should().NotBeEmpty().And.OnlyContain(v => Signatures.Default.Version(v) != null, $"{folder.Name}/versions.txt");
        }
    }
}
