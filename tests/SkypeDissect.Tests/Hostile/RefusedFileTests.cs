using System.Buffers.Binary;
using SkypeDissect.Tests.Analyzer;
using SkypeDissect.Tests.Cli;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, items 9 and 5: what tshark refuses the analyzer refuses too, with exit code 3 and one line
/// (README, exit codes): a pcap link type wiretap does not know, reserved bits in the link-type field, a pcapng
/// block over wiretap's maximum. A link type Wireshark reads and the analyzer does not decode is not silent
/// either: its frames are read, and the file ends with the line saying they were not tagged.
/// </summary>
public sealed class RefusedFileTests : IDisposable
{
    private static readonly byte[] Query = Packets.Ethernet(Packets.Ipv4(LoginFrames.Client, LoginFrames.Resolver, Packets.Udp,
        Packets.UdpSegment(49154, 53, Dns.Query("dsn4.d.skype.net"))));

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-refused-");

    public void Dispose() => dir.Delete(recursive: true);

    public static TheoryData<string, uint, string> RefusedLinkFields() => new()
    {
        { "unknown-link-type", 999, "at byte offset 20: link type 999 is unknown to Wireshark (it refuses the file)" },
        { "reserved-bits", 0x00010001, "at byte offset 20: the link-type field 0x00010001 has reserved bits set (Wireshark refuses the file)" },
    };

    [SkippableTheory]
    [MemberData(nameof(RefusedLinkFields))]
    public void PcapLinkTypeField_RefusedByTshark_IsInputErrorWithOneLine(string name, uint field, string reason)
    {
        var path = Write(name + ".pcap", LinkField(Pcap.Write(1, [new TestFrame(LoginFrames.Start, Query)]), field));

        var r = CliRunner.Run("analyze", path, "--frames");

        r.ExitCode.Should().Be(3);
        r.Error.Should().Be($"skypedissect: {path}: {reason}\n");
        TsharkExitCode(path).Should().Be(2, "tshark refuses the file when opening it");
    }

    [Fact]
    public void PcapLinkTypeField_FcsLengthBits_AreNoDamage()
    {
        var path = Write("fcs-bits.pcap", LinkField(Pcap.Write(1, [new TestFrame(LoginFrames.Start, Query)]), 0x14000001));

        var r = CliRunner.Run("analyze", path, "--frames");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Contain("\tlogin-dns\t");
    }

    [SkippableFact]
    public void LinkTypeWiresharkReads_NotDecoded_ReportedAfterTheOtherFrames()
    {
        // Token Ring (6) beside Ethernet in one pcapng file: the Ethernet frame is tagged, the Token Ring frame is not.
        var file = new PcapNg().Section().Interface(1).Interface(6)
            .Enhanced(0, 1_370_426_400_000_000, Query)
            .Enhanced(1, 1_370_426_400_100_000, [0x10, 0x40, .. new byte[12], 0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00]);
        var bytes = file.ToArray();
        var path = Write("token-ring.pcapng", bytes);
        var tokenRingAt = bytes.Length - 32 - 24;

        var r = CliRunner.Run("analyze", path, "--frames");

        r.ExitCode.Should().Be(3);
        r.Output.Should().Be(Cases.TagRow.Header + "\n1\t1\tlogin-server\tlogin-dns\t6.3.0.197\n");
        r.Error.Should().Be($"skypedissect: {path}: at byte offset {tokenRingAt}: 1 frame(s) of link type 6, which the analyzer does not decode (Wireshark does): not tagged\n");
        TsharkExitCode(path).Should().Be(0, "tshark reads Token Ring");
    }

    [SkippableFact]
    public void UserDefinedLinkType_WiresharkShowsAsData_NeitherTags_AndNoComplaint()
    {
        // LINKTYPE_USER0 carrying the IPv4 of a login lookup: tshark shows "user_dlt:data" (no protocol is mapped by
        // default), so the plugin cannot tag it; the analyzer must not claim Wireshark decodes it (exit 3).
        var capture = Pcap.Write(147, [new TestFrame(LoginFrames.Start, Query[14..])]);
        var path = Write("user0.pcap", capture);

        var r = CliRunner.Run("analyze", path, "--frames");

        r.ExitCode.Should().Be(0, r.Error);
        r.Output.Should().Be(Cases.TagRow.Header + "\n");
        ParityCheck.Run(capture, "user0").ShouldAgree("a user-defined link type is data to Wireshark");
    }

    [SkippableFact]
    public void PcapNgBlockOverWiresharksMaximum_IsDamage_FramesBeforeKept()
    {
        var head = new PcapNg().Section().Interface(1).Enhanced(0, 1_370_426_400_000_000, Query).ToArray();
        var huge = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(huge, 0x00000BAD);
        BinaryPrimitives.WriteUInt32LittleEndian(huge.AsSpan(4), 134_348_836);
        var path = Write("huge-block.pcapng", [.. head, .. huge]);

        var r = CliRunner.Run("analyze", path, "--frames");

        r.ExitCode.Should().Be(3);
        r.Output.Should().Contain("1\t1\tlogin-server\tlogin-dns");
        r.Error.Should().Be($"skypedissect: {path}: at byte offset {head.Length}: block of type 0x00000bad claims 134348836 bytes, more than Wireshark's maximum of 134348832\n");
        TsharkExitCode(path).Should().Be(2, "tshark reports the file as damaged");
    }

    private static byte[] LinkField(byte[] pcap, uint field)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(pcap.AsSpan(20), field);
        return pcap;
    }

    private static int TsharkExitCode(string path)
    {
        var r = Tshark.Run(path, RepoPaths.Plugin, ["frame.number"]);
        return r.ExitCode;
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
