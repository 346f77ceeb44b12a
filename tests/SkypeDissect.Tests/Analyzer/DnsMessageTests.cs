using System.Text;
using SkypeDissect.Analyzer.Decoding;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>DNS reading as Wireshark 4.0 does it (expectations checked with tshark 4.0.17).</summary>
public class DnsMessageTests
{
    private static (bool Read, bool Response, string? Name) First(byte[] message)
    {
        var buffer = new byte[DnsMessage.MaxNameLength];
        var read = DnsMessage.TryReadFirstQuestion(message, buffer, out var response, out var length);
        return (read, response, length >= 0 ? Encoding.ASCII.GetString(buffer, 0, length) : null);
    }

    private static List<string> Addresses(byte[] message)
    {
        List<IpAddress> a = [], aaaa = [];
        DnsMessage.ReadAddresses(message, a, aaaa);
        return [.. a.Select(x => x.ToString()), .. aaaa.Select(x => x.ToString())];
    }

    [Fact]
    public void FirstQuestion_IsLowercased()
    {
        First(Dns.Message(true, [Dns.Question("DSN1.D.Skype.NET"), Dns.Question("other.net")], [])).Should().Be((true, true, "dsn1.d.skype.net"));
    }

    [Fact]
    public void FirstQuestion_NoneInMessage_IsNotRead()
    {
        var message = Dns.Message(true, [], [Dns.RawRecord(1, [1, 1, 1, 1])]);

        First(message).Read.Should().BeFalse();
        Addresses(message).Should().Equal("1.1.1.1");
    }

    [Fact]
    public void FirstQuestion_PointerLoop_IsReadButMatchesNothing_AndRecordsGoOn()
    {
        var message = Dns.Message(true, [[.. Dns.Pointer(12), 0, 1, 0, 1]], [Dns.RawRecord(1, [1, 1, 1, 1])]);

        First(message).Should().Be((true, true, (string?)null));
        Addresses(message).Should().Equal("1.1.1.1");
    }

    [Fact]
    public void FirstQuestion_LoopThroughALabel_IsBounded()
    {
        var message = Dns.Message(false, [[3, (byte)'a', (byte)'b', (byte)'c', .. Dns.Pointer(12), 0, 1, 0, 1]], []);

        First(message).Should().Be((true, false, (string?)null));
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x61, 0x62, 0x63, 0, 0, 1, 0, 1 })] // reserved label type
    [InlineData(new byte[] { 0x43, 0x61, 0x62, 0x63, 0, 0, 1, 0, 1 })] // extended label type at the start
    [InlineData(new byte[] { 0xC0, 0xFF, 0, 1, 0, 1 })] // pointer beyond the message
    [InlineData(new byte[] { 9, 0x61, 0x62 })] // label past the end
    [InlineData(new byte[] { 1, 0x61, 0 })] // no type and class
    public void FirstQuestion_Malformed_IsNotRead_NorAnythingAfter(byte[] question)
    {
        // The question is the last thing in the message; an answer is announced but cannot be reached.
        var message = Dns.Message(true, [question], [], answerCount: 1);

        First(message).Read.Should().BeFalse();
        Addresses(message).Should().BeEmpty();
    }

    [Fact]
    public void UnknownExtendedLabel_AfterALabel_IsAPlaceholder_AndTheRecordGoesOn()
    {
        // tshark: "cname <Unknown extended label>", and the next A record is still read.
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.RawRecord(5, [3, .. "abc"u8, 0x64, 0x0C]), Dns.Record("2.2.2.2")]);

        Addresses(message).Should().Equal("2.2.2.2");
    }

    [Theory]
    [InlineData(0x43)]
    [InlineData(0x52)]
    [InlineData(0x41)] // a bit-string label whose bits run past the message
    public void ExtendedLabel_AtTheStartOfAName_StopsTheWalk(byte label)
    {
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.RawRecord(5, [label, .. "abc"u8, 0xC0, 0x0C]), Dns.Record("2.2.2.2")]);

        Addresses(message).Should().BeEmpty();
        First(Dns.Message(false, [[label, 0, 1, 0, 1]], [])).Read.Should().BeFalse();
    }

    [Fact]
    public void PointerToAnExtendedLabelEarlierInTheMessage_StopsTheWalk()
    {
        var question = Dns.Question("x.net");
        question[1] = 0x73; // the pointer below lands on this byte: an unknown extended label

        Addresses(Dns.Message(true, [question], [[.. Dns.Pointer(13), 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 1, 1, 1]])).Should().BeEmpty();
    }

    [Fact]
    public void BitStringLabel_BeforeALabel_IsReadButMatchesNothing()
    {
        First(Dns.Message(false, [[0x41, 16, 0xAB, 0xCD, 3, .. "net"u8, 0, 0, 1, 0, 1]], [])).Should().Be((true, false, (string?)null));
    }

    [Fact]
    public void BitStringLabelAlone_IsMalformed()
    {
        First(Dns.Message(false, [[0x41, 16, 0xAB, 0xCD, 0, 0, 1, 0, 1]], [])).Read.Should().BeFalse();
    }

    [Theory]
    [InlineData(16, new byte[] { 3, 0x61, 0x62, 0x63, 1, 0x64 }, true)] // TXT strings fill the data exactly
    [InlineData(16, new byte[] { 3, 0x61, 0x62, 0x63, 3, 0x64 }, false)] // overshoot: tshark reads on and throws
    [InlineData(11, new byte[] { 1, 2, 3, 4 }, false)] // WKS shorter than address and protocol
    [InlineData(6, new byte[] { 0, 0 }, false)] // SOA without serial and timers
    [InlineData(33, new byte[] { 0, 1, 0, 1, 0x13, 0xC4, 0 }, true)] // SRV with the root as target
    [InlineData(47, new byte[] { 0, 0, 1, 0x40 }, true)] // NSEC: root, then window 0 with one byte
    [InlineData(47, new byte[] { 0, 0, 3, 0x40 }, false)]
    public void RecordData_ReadAsWiresharkDoes(int type, byte[] data, bool readOn)
    {
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.RawRecord(type, data), Dns.Record("2.2.2.2")]);

        Addresses(message).Should().Equal(readOn ? ["2.2.2.2"] : []);
    }

    [Fact]
    public void DotInsideALabel_IsKeptAsWiresharkPrintsIt()
    {
        First(Dns.Message(false, [[6, .. "dsn1.d"u8, 5, .. "skype"u8, 3, .. "net"u8, 0, 0, 1, 0, 1]], [])).Name.Should().Be("dsn1.d.skype.net");
    }

    [Fact]
    public void Addresses_AllSections_AThenAaaa_EachInOrder()
    {
        var message = Dns.Message(true, [Dns.Question("x.net")],
            [Dns.Record("1.1.1.1"), Dns.Record("2001:db8::1"), Dns.Record("2.2.2.2"), Dns.Record("3.3.3.3")], answerCount: 2, additional: 2);

        Addresses(message).Should().Equal("1.1.1.1", "2.2.2.2", "3.3.3.3", "2001:db8::1");
    }

    [Fact]
    public void Addresses_AnyClassAndCompressedOwners_Count()
    {
        byte[] chaos = [.. Dns.Pointer(12), 0, 1, 0, 3, 0, 0, 0, 60, 0, 4, 3, 3, 3, 3];

        Addresses(Dns.Message(true, [Dns.Question("x.net")], [Dns.Record("1.1.1.1"), chaos])).Should().Equal("1.1.1.1", "3.3.3.3");
    }

    [Fact]
    public void Addresses_StopAtTheFirstMalformedRecord_KeepingEarlierOnes()
    {
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.Record("1.1.1.1"), [0xC0]], answerCount: 3);

        Addresses(message).Should().Equal("1.1.1.1");
    }

    [Fact]
    public void Addresses_ShortDataLength_ReadsFourBytesThenSkipsTheDeclaredLength()
    {
        // rdlength 3: Wireshark still shows four bytes (the fourth from the next record) and goes on after three.
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.RawRecord(1, [3, 3, 3], 3), Dns.Record("2.2.2.2")]);

        Addresses(message).Should().Equal("3.3.3.192", "2.2.2.2");
    }

    [Fact]
    public void Addresses_RecordWithoutData_GivesNoAddress()
    {
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.RawRecord(1, [], 0), Dns.Record("2.2.2.2")]);

        Addresses(message).Should().Equal("2.2.2.2");
    }

    [Fact]
    public void Addresses_DataLengthPastTheEnd_StopsBeforeThatRecord()
    {
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.Record("1.1.1.1"), Dns.RawRecord(1, [2, 2, 2, 2], 166)]);

        Addresses(message).Should().Equal("1.1.1.1");
    }

    [Fact]
    public void Addresses_BrokenNameInsideCname_StopsTheWalk()
    {
        var message = Dns.Message(true, [Dns.Question("x.net")], [Dns.RawRecord(5, [.. Dns.Pointer(0xFF)]), Dns.Record("2.2.2.2")]);

        Addresses(message).Should().BeEmpty();
    }

    [Fact]
    public void ShortHeader_IsNothing()
    {
        First([0x12, 0x34, 0x81, 0x80, 0, 1]).Read.Should().BeFalse();
        Addresses([0x12, 0x34, 0x81, 0x80, 0, 1]).Should().BeEmpty();
    }
}
