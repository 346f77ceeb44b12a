using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>Where wiretap 4.0 calls a pcapng file damaged, the reader stops at the same block (checked with tshark).</summary>
public class PcapNgValidationTests
{
    private static readonly byte[] Frame = [1, 2, 3, 4, 5, 6, 7, 8];

    private static List<long> Numbers(byte[] file, out CaptureFormatException? error)
    {
        var numbers = new List<long>();
        error = null;
        try
        {
            var reader = CaptureReader.Open(new MemoryStream(file));
            while (reader.TryRead(out var r))
            {
                numbers.Add(r.Number);
            }
        }
        catch (CaptureFormatException e)
        {
            error = e;
        }

        return numbers;
    }

    /// <summary>An enhanced packet block of <see cref="Frame"/> followed by the given option bytes.</summary>
    private static byte[] EnhancedWithOptions(byte[] options) =>
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0, .. Frame, .. options];

    [Theory]
    [InlineData(new byte[] { 1, 0, 4, 0, 0x61, 0x62, 0x63, 0x64, 0, 0, 0, 0 }, true)] // a comment, then the end
    [InlineData(new byte[] { 1, 0, 200, 0, 0x61, 0x62, 0x63, 0x64 }, false)] // runs past the block
    [InlineData(new byte[] { 2, 0, 2, 0, 0, 0, 0, 0 }, false)] // epb_flags must have 4 bytes
    [InlineData(new byte[] { 2, 0, 4, 0, 0, 0, 0, 0 }, true)]
    [InlineData(new byte[] { 4, 0, 4, 0, 0, 0, 0, 0 }, false)] // epb_dropcount must have 8 bytes
    [InlineData(new byte[] { 0xAC, 0x0B, 2, 0, 0, 0, 0, 0 }, false)] // a custom option shorter than its PEN
    public void EnhancedPacketOptions_AsWiretap(byte[] options, bool readable)
    {
        var file = new PcapNg().Section().Interface(1).Enhanced(0, 0, Frame).Block(6, EnhancedWithOptions(options)).Enhanced(0, 0, Frame).ToArray();

        var numbers = Numbers(file, out var error);

        numbers.Should().Equal(readable ? [1L, 2, 3] : [1L]);
        (error is null).Should().Be(readable);
    }

    [Fact]
    public void InterfaceFilterOptionOfLengthZero_IsDamage()
    {
        byte[] idb = [1, 0, 0, 0, 0, 0, 0, 0, 11, 0, 0, 0, 0, 0, 0, 0];
        var file = new PcapNg().Section().Block(1, idb).Enhanced(0, 0, Frame).ToArray();

        Numbers(file, out var error).Should().BeEmpty();
        error!.Reason.Should().Contain("option 11");
    }

    [Theory]
    [InlineData(8u, true)]
    [InlineData(1000u, false)] // more than the block holds
    [InlineData(4u, false)] // less: wiretap reads the trailer in the wrong place
    public void SimplePacketBlock_MustHoldExactlyItsPacket(uint originalLength, bool readable)
    {
        var file = new PcapNg().Section().Interface(1).Block(3, [.. BitConverter.GetBytes(originalLength), .. Frame]).Enhanced(0, 0, Frame).ToArray();

        Numbers(file, out var error).Should().Equal(readable ? [1L, 2] : []);
        (error is null).Should().Be(readable);
    }

    [Fact]
    public void BlockLengthNotAMultipleOfFour_IsRoundedUp()
    {
        var file = new PcapNg().Section().Interface(1).Enhanced(0, 0, [1, 2, 3, 4, 5, 6]).Enhanced(0, 0, Frame).ToArray();
        var second = 28 + 20; // after the SHB (28 bytes) and the IDB (20 bytes): the first EPB
        var epbLength = 12 + 20 + 8;
        file[second + 4] = (byte)(epbLength - 2); // declared 38 at both ends, 40 bytes on disk
        file[second + epbLength - 4] = (byte)(epbLength - 2);

        Numbers(file, out var error).Should().Equal(1, 2);
        error.Should().BeNull();
    }
}
