using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Decoding;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>The facts of a decoded frame copied out of the ref struct, for assertions.</summary>
internal sealed record DecodedFrame(string Source, string Destination, bool Tcp, int SourcePort, int DestinationPort, bool Syn, bool Ack, byte[] Payload, bool UdpPayload)
{
    public static DecodedFrame? Of(PacketDecoder decoder, int linkType, byte[] frame, int? captured = null)
    {
        var data = frame.AsSpan(0, captured ?? frame.Length);
        var record = new CaptureRecord(1, 0, linkType, 0, 0, 0, data.Length, frame.Length);
        if (!decoder.TryDecode(record, data, out var f))
        {
            return null;
        }

        return new DecodedFrame(f.Source.ToString(), f.Destination.ToString(), f.IsTcp, f.SourcePort, f.DestinationPort, f.Syn, f.Ack, f.Payload.ToArray(), f.UdpPayloadDissected);
    }

    public static DecodedFrame? Of(int linkType, byte[] frame, int? captured = null) => Of(new PacketDecoder(), linkType, frame, captured);
}
