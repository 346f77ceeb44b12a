using System.Text;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Engine;
using SkypeDissect.Model;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Generator;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>
/// Version attribution (docs/tagging.md section 2.1): with several versions enabled, a frame several versions
/// match gets the tag of its client's version: the version a build in the client's traffic names, else the
/// version whose rules matched most of the client's frames so far, ties in model order.
/// </summary>
public sealed class VersionAttributionTests : IDisposable
{
    private const string Resolver = "192.168.1.1";
    private const string UpdateServer = "204.9.163.247";

    // 111.221.74.100 lies in a Table I /24 but outside Table I's hosts: only 7.7.3's login-range (whole /24s,
    // UDP 40001-40047 too) matches a probe to it; dsn names and UDP 33033 to Table I hosts all versions match.
    private const string Outside = "111.221.74.100";
    private const string TableOne = "111.221.74.20";

    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-attribution-");

    public void Dispose() => temp.Delete(recursive: true);

    /// <summary>Four clients; the comment of each frame says which versions match it and why it gets its tag.</summary>
    private static SyntheticCapture Capture() => new SyntheticCapture()
        // A: no build named. 1: only 7.7.3 matches. 2: all match; 7.7.3 leads the votes 1 to 0.
        .Udp(100.0, "192.168.1.21", 13021, Outside, 40009, new byte[20])
        .DnsQuery(100.1, "192.168.1.21", 50000, Resolver, 1, "dsn5.d.skype.net")
        // B: 3: all match, a tie: model order. 4: only 7.7.3's feedback pattern takes a five-part build, and the
        // build names 7.7.3. 5: all match: the named version.
        .DnsQuery(101.0, "192.168.1.22", 50001, Resolver, 2, "dsn5.d.skype.net")
        .DnsQuery(101.1, "192.168.1.22", 50002, Resolver, 3, "335.0.7.7.3.rst11.r.skype.net")
        .DnsQuery(101.2, "192.168.1.22", 50003, Resolver, 4, "dsn6.d.skype.net")
        // C: 6-7: only 7.7.3 (two votes). 8: every version's feedback rule matches, the build names 6.3.0.197,
        // which wins over the votes. 9: all match: 6.3.0.197.
        .Udp(102.0, "192.168.1.23", 13021, Outside, 40009, new byte[20])
        .Udp(102.1, "192.168.1.23", 13021, Outside, 40011, new byte[20])
        .DnsQuery(102.2, "192.168.1.23", 50004, Resolver, 5, "6.3.0.197.rst5.r.skype.net")
        .DnsQuery(102.3, "192.168.1.23", 50005, Resolver, 6, "dsn7.d.skype.net")
        // D: 10: all match (tie: 6.3.0.197); 11: the version check during the login, by its request line
        // (all versions' update-http), names 5.6.0.106; 12: its answer through flow memory keeps 11's tag;
        // 13: all match: 5.6.0.106.
        .Udp(103.0, "192.168.1.24", 13021, TableOne, 33033, new byte[20])
        .Tcp(103.1, "192.168.1.24", 50006, UpdateServer, 80, 0x18, Ascii("GET /ui/0/5.6.0.106/en/getlatestversion?ver=5.6.0.106 HTTP/1.1\r\n\r\n"), ack: 1)
        .Tcp(103.2, UpdateServer, 80, "192.168.1.24", 50006, 0x18, Ascii("HTTP/1.1 200 OK\r\n\r\n"), ack: 1)
        .Udp(103.3, "192.168.1.24", 13021, TableOne, 33033, new byte[20])
        // E: 14: all match (tie); 15: a build that names no version of the model (17.7.3 is not 7.7.3);
        // 16: still the tie: 6.3.0.197.
        .DnsQuery(104.0, "192.168.1.25", 50007, Resolver, 7, "dsn5.d.skype.net")
        .DnsQuery(104.1, "192.168.1.25", 50008, Resolver, 8, "17.7.3.rst2.r.skype.net")
        .DnsQuery(104.2, "192.168.1.25", 50009, Resolver, 9, "dsn6.d.skype.net");

    private static readonly string[] ExpectedTags =
    [
        "1 1 login-server login-range 7.7.3",
        "2 1 login-server login-dns 7.7.3",
        "3 1 login-server login-dns 6.3.0.197",
        "4 6 feedback feedback-dns 7.7.3",
        "5 1 login-server login-dns 7.7.3",
        "6 1 login-server login-range 7.7.3",
        "7 1 login-server login-range 7.7.3",
        "8 6 feedback feedback-dns 6.3.0.197",
        "9 1 login-server login-dns 6.3.0.197",
        "10 1 login-server login-range 6.3.0.197",
        "11 5 version-update update-http 5.6.0.106",
        "12 5 version-update update-http 5.6.0.106",
        "13 1 login-server login-range 5.6.0.106",
        "14 1 login-server login-dns 6.3.0.197",
        "15 6 feedback feedback-dns 6.3.0.197",
        "16 1 login-server login-dns 6.3.0.197",
    ];

    [Fact]
    public void Analyzer_TagsEachFrameWithItsClientsVersion()
    {
        Rows(AnalyzerRows(Capture().ToPcap())).Should().Equal(ExpectedTags);
    }

    [SkippableFact]
    public void Plugin_TagsAsTheAnalyzer()
    {
        var path = Path.Combine(temp.FullName, "attribution.pcap");
        Capture().WriteTo(path);

        Rows(PluginRun.Tags(path)).Should().Equal(ExpectedTags);
    }

    [Fact]
    public void OneVersionEnabled_TagsWithIt()
    {
        var only = new TagOptions { EnabledVersions = new HashSet<string>(StringComparer.Ordinal) { "5.6.0.106" } };
        var rows = CaptureTagger.Tag(new MemoryStream(Capture().ToPcap()), Signatures.Default, only).ToList();

        rows.Select(r => r.Version).Distinct().Should().Equal("5.6.0.106");
    }

    [Fact]
    public void TaggedFrames_CarryTheClientsVersion()
    {
        var frames = CaptureTagger.Analyze(new MemoryStream(Capture().ToPcap()), Signatures.Default).ToList();

        // Frame 1 (client A): only 7.7.3 matched so far; frame 3 (client B): a tie, model order; frame 4: the build.
        frames.Single(f => f.Tag.Frame == 3).ClientVersion.Should().Be("6.3.0.197");
        frames.Single(f => f.Tag.Frame == 4).ClientVersion.Should().Be("7.7.3");
        frames.Single(f => f.Tag.Frame == 12).ClientVersion.Should().Be("5.6.0.106");
    }

    [Theory]
    [InlineData("335.0.7.7.3.rst11.r.skype.net", "335.0.7.7.3")]
    [InlineData("6.3.0.197.rst5.r.skype.net", "6.3.0.197")]
    [InlineData("166.0.10.5.rst0.r.skype.net", "166.0.10.5")]
    [InlineData("1.2.3.4.5.6.rst1.x", "1.2.3.4.5.6")]
    [InlineData("1.2.3.4.5.6.7.rst1.x", null)] // seven parts
    [InlineData("123456.1.rst1.x", null)]      // a part of six digits
    [InlineData("6..3.rst1.x", null)]
    [InlineData("7.rst1.x", null)]             // one part
    [InlineData("6.3.rst.x", null)]            // no digits after rst
    [InlineData("6.3.rst12x", null)]
    [InlineData("a6.3.rst1.x", null)]
    public void FeedbackName_PrefixIsTheBuild(string name, string? build)
    {
        var found = BuildEvidence.TryFromFeedbackName(Encoding.ASCII.GetBytes(name), out var b);

        (found ? b : null).Should().Be(build);
    }

    [Theory]
    [InlineData("GET /ui/0/6.3.0.197/en/getlatestversion?ver=6.3.0.197 HTTP/1.1", "6.3.0.197")]
    [InlineData("GET /x?a=1&ver=7.7.3.64 HTTP/1.1", "7.7.3.64")]
    [InlineData("GET /x?over=1.2&ver=3.4", "3.4")] // "over=" is no parameter ver=
    [InlineData("GET /x?ver=abc&ver=3.4", "3.4")]   // the first ver= followed by a digit or dot
    [InlineData("GET /x?ver=3.4abc", "3.4")]
    [InlineData("GET /x?ver=3", null)]
    [InlineData("GET /ui/0/6.3.0.197/en/getlatestversion HTTP/1.1", null)] // no ver=
    [InlineData("POST /x?ver=3.4", null)]
    public void RequestLine_VerParameterIsTheBuild(string line, string? build)
    {
        var found = BuildEvidence.TryFromRequestLine(Encoding.ASCII.GetBytes(line), out var b);

        (found ? b : null).Should().Be(build);
    }

    [Theory]
    [InlineData("335.0.7.7.3", "7.7.3")]
    [InlineData("7.7.3", "7.7.3")]
    [InlineData("17.7.3", null)]
    [InlineData("6.3.0.197", "6.3.0.197")]
    [InlineData("1.6.3.0.197", "6.3.0.197")]
    [InlineData("5.6.0.107", null)]
    public void Build_NamesTheVersionItEndsWith(string build, string? version)
    {
        var versions = Signatures.Default.Versions.Select((v, i) => new CompiledVersion(v, 0, i)).ToList();

        var named = BuildEvidence.NamedVersion(build, versions);

        (named < 0 ? null : versions[named].Id).Should().Be(version);
    }

    [Fact]
    public void Build_OfTwoVersionsIds_NamesTheLongest()
    {
        var seven = Signatures.Default.Version("7.7.3")!;
        List<CompiledVersion> versions = [new(seven with { Id = "7.3" }, 0, 0), new(seven, 0, 1)];

        versions[BuildEvidence.NamedVersion("335.0.7.7.3", versions)].Id.Should().Be("7.7.3");
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static List<TagRow> AnalyzerRows(byte[] pcap) =>
        [.. CaptureTagger.Tag(new MemoryStream(pcap), Signatures.Default).Select(t => new TagRow(t.Frame, t.Step, t.Group, t.Rule, t.Version))];

    private static List<string> Rows(IEnumerable<TagRow> rows) =>
        [.. rows.Select(r => $"{r.Frame} {r.Step} {r.Group} {r.Rule} {r.Version}")];
}
