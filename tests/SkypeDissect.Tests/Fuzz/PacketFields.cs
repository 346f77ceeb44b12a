namespace SkypeDissect.Tests.Fuzz;

/// <summary>How a packet field is corrupted: a whole big-endian number, or only the low or high nibble of a byte.</summary>
public enum FieldShape
{
    Number,
    LowNibble,
    HighNibble,
}

/// <summary>
/// A field inside a packet that tells the decoder how long something is or where it goes next. Offsets are in
/// the file. <see cref="Base"/> is where the enclosing structure starts (a DNS message, for pointers).
/// </summary>
public sealed record PacketField(string Name, int Offset, int Size, FieldShape Shape, int Base, int End);

/// <summary>
/// Finds the length-bearing fields of a packet the way a dissector walks it: link header, IPv4/IPv6, UDP or TCP,
/// and a DNS message on port 53 (counts, label lengths, compression pointers). Works on the seeds' intact
/// packets; anything unexpected ends the walk.
/// </summary>
public static class PacketFields
{
    public static List<PacketField> Find(byte[] file, PacketRecord packet)
    {
        var fields = new List<PacketField>();
        var end = packet.DataOffset + packet.DataLength;
        var ip = IpStart(file, packet, end, fields);
        if (ip < 0 || ip >= end)
        {
            return fields;
        }

        var version = file[ip] >> 4;
        if (version == 4 && ip + 20 <= end)
        {
            var ihl = (file[ip] & 0x0F) * 4;
            fields.Add(new("ipv4.ihl", ip, 1, FieldShape.LowNibble, ip, end));
            fields.Add(new("ipv4.total_length", ip + 2, 2, FieldShape.Number, ip, end));
            fields.Add(new("ipv4.flags_offset", ip + 6, 2, FieldShape.Number, ip, end));
            fields.Add(new("ipv4.protocol", ip + 9, 1, FieldShape.Number, ip, end));
            Transport(file, file[ip + 9], ip + ihl, end, fields);
        }
        else if (version == 6 && ip + 40 <= end)
        {
            fields.Add(new("ipv6.payload_length", ip + 4, 2, FieldShape.Number, ip, end));
            fields.Add(new("ipv6.next_header", ip + 6, 1, FieldShape.Number, ip, end));
            Transport(file, file[ip + 6], ip + 40, end, fields);
        }

        return fields;
    }

    private static int IpStart(byte[] file, PacketRecord packet, int end, List<PacketField> fields)
    {
        var at = packet.DataOffset;
        int type;
        switch (packet.LinkType)
        {
            case 1:
                if (at + 14 > end)
                {
                    return -1;
                }

                type = U16(file, at + 12);
                fields.Add(new("ethernet.type", at + 12, 2, FieldShape.Number, at, end));
                at += 14;
                while (type is 0x8100 or 0x88A8 && at + 4 <= end)
                {
                    fields.Add(new("vlan.type", at + 2, 2, FieldShape.Number, at, end));
                    type = U16(file, at + 2);
                    at += 4;
                }

                return type is 0x0800 or 0x86DD ? at : -1;
            case 113:
                fields.Add(new("sll.protocol", at + 14, 2, FieldShape.Number, at, end));
                return at + 16 <= end && U16(file, at + 14) is 0x0800 or 0x86DD ? at + 16 : -1;
            case 276:
                fields.Add(new("sll2.protocol", at, 2, FieldShape.Number, at, end));
                return at + 20 <= end ? at + 20 : -1;
            case 0 or 108:
                return at + 4 <= end ? at + 4 : -1;
            case 12 or 14 or 101 or 228 or 229:
                return at;
            default:
                return -1;
        }
    }

    private static void Transport(byte[] file, int protocol, int at, int end, List<PacketField> fields)
    {
        if (protocol == 17 && at + 8 <= end)
        {
            fields.Add(new("udp.length", at + 4, 2, FieldShape.Number, at, end));
            if (U16(file, at) == 53 || U16(file, at + 2) == 53)
            {
                Dns(file, at + 8, end, fields);
            }
        }
        else if (protocol == 6 && at + 20 <= end)
        {
            fields.Add(new("tcp.data_offset", at + 12, 1, FieldShape.HighNibble, at, end));
            var payload = at + ((file[at + 12] >> 4) * 4);
            if ((U16(file, at) == 53 || U16(file, at + 2) == 53) && payload + 2 <= end)
            {
                fields.Add(new("dns.tcp_length", payload, 2, FieldShape.Number, payload, end));
                Dns(file, payload + 2, end, fields);
            }
        }
    }

    // RFC 1035 4.1.1: four 16-bit counts after the id and flags, then the question names.
    private static void Dns(byte[] file, int start, int end, List<PacketField> fields)
    {
        if (start + 12 > end)
        {
            return;
        }

        string[] counts = ["dns.qdcount", "dns.ancount", "dns.nscount", "dns.arcount"];
        for (var i = 0; i < 4; i++)
        {
            fields.Add(new(counts[i], start + 4 + (2 * i), 2, FieldShape.Number, start, end));
        }

        // Every label length or pointer of the records, walked plainly (no pointer is followed).
        for (var at = start + 12; at < end && fields.Count < 64;)
        {
            var b = file[at];
            if ((b & 0xC0) == 0xC0 && at + 1 < end)
            {
                fields.Add(new("dns.pointer", at, 2, FieldShape.Number, start, end));
                at += 2 + 10; // type, class, TTL and rdlength of an answer follow a pointer-ended name
                if (at <= end)
                {
                    fields.Add(new("dns.rdlength", at - 2, 2, FieldShape.Number, start, end));
                    at += U16(file, at - 2);
                }
            }
            else if (b is > 0 and < 64)
            {
                fields.Add(new("dns.label", at, 1, FieldShape.Number, start, end));
                at += 1 + b;
            }
            else
            {
                at += b == 0 ? 5 : 1; // root label, then a question's type and class
            }
        }
    }

    private static int U16(byte[] file, int at) => (file[at] << 8) | file[at + 1];
}
