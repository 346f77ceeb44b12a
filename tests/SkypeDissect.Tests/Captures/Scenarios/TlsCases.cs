using System.Formats.Asn1;

namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// tests/cases/tls-names: TLS sessions to Messenger gateways during a 7.7.3 login, each showing one decision of
/// docs/tagging.md 3.5: where Wireshark shows a server certificate or a ClientHello's server name when the
/// handshake is cut over segments or records, arrives out of order, is retransmitted, names the gateway only in
/// its subjectAltName; and near misses that must stay untagged.
/// </summary>
public static class TlsCases
{
    private const string Gateway = "*.gateway.messenger.live.com";
    private const string GatewayHost = "db3msgr5011709.gateway.messenger.live.com";

    public static Scenario TlsNames()
    {
        var lan = new Lan(seed: 0x7153);
        var s = lan.S;
        var p = s.Payloads;
        NameAttribute[] ca = [NameAttribute.Country("US"), NameAttribute.Organization("Microsoft Corporation"), NameAttribute.CommonName("Microsoft IT SSL SHA2", UniversalTagNumber.PrintableString)];
        NameAttribute[] root = [NameAttribute.Organization("Baltimore"), NameAttribute.CommonName("Baltimore CyberTrust Root", UniversalTagNumber.PrintableString)];
        var caCertificate = TlsMessages.X509(p, ca, root, []);
        byte[] GatewayCertificate(params string[] altNames) => TlsMessages.X509(p, [NameAttribute.CommonName(Gateway)], ca, altNames);
        byte[] Flight(params byte[][] chain) =>
            TlsMessages.Record(TlsMessages.Handshake, [.. TlsMessages.ServerHello(p), .. TlsMessages.Certificate(chain), .. TlsMessages.ServerHelloDone()]);
        var hello = TlsMessages.Record(TlsMessages.Handshake, TlsMessages.ClientHello(p));
        var gatewayFlight = Flight(GatewayCertificate("*.beta.gateway.edge.messenger.live.com"), caCertificate);
        var cut = Thirds(gatewayFlight.Length);

        // Before the login: a gateway certificate, but the rule is gated on a login (no tag, nor later by flow memory).
        Session(lan, "157.56.126.200", 0.0, "before the login").Open().Send(hello).Flight(gatewayFlight, [0, cut[0], cut[1]]);

        SkypeSteps.Channel(lan, s.Remote("login-157.56.52.28", "157.56.52.28", 0.1), 40009, 2.0);

        // In order over three segments: shown in the last.
        Session(lan, "157.56.126.211", 4.0, "in order").Open().Send(hello).Flight(gatewayFlight, [0, cut[0], cut[1]]).Close();

        // The gateway only in the subjectAltName; no commonName at all.
        var sanOnly = Flight(TlsMessages.X509(p, [NameAttribute.Country("US"), NameAttribute.Organization("Microsoft Corporation")], ca, ["www.example.com", GatewayHost]));
        Session(lan, "157.56.126.212", 5.0, "subjectAltName only").Open().Send(hello).Flight(sanOnly, [0, sanOnly.Length / 2]).Close();

        // Out of order within the first round trip: 1, 3, 2, 4. The third arrival is out of order (its frame never
        // reaches TLS) but does not complete the record; the fourth, in order, does.
        var quarters = new[] { 0, gatewayFlight.Length / 4, gatewayFlight.Length / 2, 3 * gatewayFlight.Length / 4 };
        Session(lan, "157.56.126.213", 6.0, "out of order, completed in order").Open().Send(hello)
            .Flight(gatewayFlight, [quarters[0], quarters[2], quarters[1], quarters[3]], ends: quarters).Close();

        // Out of order, and the out-of-order segment completes the record: Wireshark never shows it.
        Session(lan, "157.56.126.214", 7.0, "out of order, completed out of order").Open().Send(hello)
            .Flight(gatewayFlight, [0, cut[1], cut[0]], ends: [0, cut[0], cut[1]]).Close();

        // A segment sent twice: the copy changes nothing, the record is shown in the last segment.
        Session(lan, "157.56.126.215", 8.0, "a segment duplicated").Open().Send(hello)
            .Flight(gatewayFlight, [0, cut[0], cut[0], cut[1]], ends: [0, cut[0], cut[1]]).Close();

        // A segment lost and sent again 1 s later: a retransmission never joins the reassembly.
        Session(lan, "157.56.126.216", 9.0, "a segment retransmitted late").Open().Send(hello)
            .Flight(gatewayFlight, [0, cut[1]], ends: [0, cut[0], cut[1]]).Wait(1.0).Flight(gatewayFlight, [cut[0]], ends: [0, cut[0], cut[1]]).Close();

        // A segment lost, three duplicate ACKs, then a fast retransmission that completes the record: shown there.
        Session(lan, "157.56.126.217", 11.0, "fast retransmission").Open().Send(hello)
            .Flight(gatewayFlight, [0, cut[1]], ends: [0, cut[0], cut[1]]).DuplicateAcks(cut[0], 3).Flight(gatewayFlight, [cut[0]], ends: [0, cut[0], cut[1]]).Close();

        // The certificate message cut over two records, one per segment: the handshake is reassembled across records.
        var serverHello = TlsMessages.ServerHello(p);
        var certificate = TlsMessages.Certificate(GatewayCertificate(), caCertificate);
        byte[] twoRecords = [.. TlsMessages.Record(TlsMessages.Handshake, [.. serverHello, .. certificate[..300]]),
            .. TlsMessages.Record(TlsMessages.Handshake, [.. certificate[300..], .. TlsMessages.ServerHelloDone()])];
        Session(lan, "157.56.126.218", 12.0, "certificate over two records").Open().Send(hello)
            .Flight(twoRecords, [0, 5 + serverHello.Length + 300]).Close();

        // The server name of the ClientHello, cut over two segments (in capitals); the certificate names another host.
        var otherFlight = Flight(TlsMessages.X509(p, [NameAttribute.CommonName("www.example.com")], ca, ["www.example.com"]));
        var named = TlsMessages.Record(TlsMessages.Handshake, TlsMessages.ClientHello(p, GatewayHost.ToUpperInvariant()));
        Session(lan, "40.126.9.67", 13.0, "server name").Open().Send(named, 40).Flight(otherFlight, [0]).Close();

        // The ClientHello begun in the SYN (TCP Fast Open): Wireshark reassembles the SYN's data with the next segment.
        Session(lan, "40.126.9.68", 13.5, "server name begun in the SYN").Open(named[..30]).Send(named[30..]).Flight(otherFlight, [0]).Close();

        // The commonName as a BMPString, and a subjectAltName cut at a NUL as Wireshark shows it.
        var bmp = Flight(TlsMessages.X509(p, [NameAttribute.CommonName(Gateway, UniversalTagNumber.BMPString)], ca, []));
        Session(lan, "157.56.126.219", 14.0, "commonName as BMPString").Open().Send(hello).Flight(bmp, [0]).Close();
        var nul = Flight(TlsMessages.X509(p, [NameAttribute.CommonName("www.example.com")], ca, ["sn1.gateway.messenger.live.com\0.example.com"]));
        Session(lan, "157.56.126.220", 15.0, "alternative name with a NUL").Open().Send(hello).Flight(nul, [0]).Close();

        // Near misses, all untagged: the gateway as the issuer's name; on the chain's second certificate; as a URI
        // alternative name beside a commonName of two labels; a certificate after the server's ChangeCipherSpec of
        // an earlier frame (taken as encrypted); a session whose SYN is not in the capture; a certificate past the
        // first 16 KiB of the server's data; a certificate on port 8443.
        var issuerOnly = Flight(TlsMessages.X509(p, [NameAttribute.CommonName("www.example.com")], [NameAttribute.CommonName(Gateway)], ["www.example.com"]));
        Session(lan, "157.56.126.221", 16.0, "gateway as issuer").Open().Send(hello).Flight(issuerOnly, [0]).Close();
        var second = Flight(TlsMessages.X509(p, [NameAttribute.CommonName("www.example.com")], ca, []), GatewayCertificate());
        Session(lan, "157.56.126.222", 17.0, "gateway on the second certificate").Open().Send(hello).Flight(second, [0]).Close();
        var uri = Flight(TlsMessages.X509(p, [NameAttribute.CommonName("a.b.gateway.messenger.live.com")], ca, [], uri: "https://s.gateway.messenger.live.com/"));
        Session(lan, "157.56.126.223", 18.0, "URI and two labels").Open().Send(hello).Flight(uri, [0]).Close();
        byte[] early = [.. TlsMessages.Record(TlsMessages.Handshake, serverHello), .. TlsMessages.Record(TlsMessages.ChangeCipherSpec, [1])];
        Session(lan, "157.56.126.224", 19.0, "after ChangeCipherSpec").Open().Send(hello).Flight(early, [0])
            .Flight(TlsMessages.Record(TlsMessages.Handshake, certificate), [0], sequenceOffset: early.Length).Close();
        Session(lan, "157.56.126.225", 20.0, "no SYN in the capture").Send(hello).Flight(gatewayFlight, [0, cut[0], cut[1]]).Close();
        var filler = Enumerable.Range(0, 12).SelectMany(_ => TlsMessages.Record(TlsMessages.ApplicationData, p.Opaque(1400))).ToArray();
        Session(lan, "157.56.126.226", 21.0, "past 16 KiB").Open().Send(hello).Flight([.. filler, .. gatewayFlight], Enumerable.Range(0, 13).Select(i => i * 1405).ToArray()).Close();
        Session(lan, "157.56.126.227", 22.0, "port 8443", port: 8443).Open().Send(hello).Flight(gatewayFlight, [0]).Close();
        return s;
    }

    private static int[] Thirds(int length) => [length / 3, 2 * length / 3];

    private static TlsSession Session(Lan lan, string address, double at, string what, int port = 443)
    {
        lan.S.At(at);
        return new TlsSession(lan.S, lan.Client.NextPort(), lan.S.Remote("gateway-" + address, address, 0.08).On(port), what);
    }
}
