namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>
/// Ordinary traffic of the same machines, interleaved with the login. None of it belongs to Skype and every
/// frame of it must stay untagged: it checks precision as the login checks recall.
/// </summary>
public static class Background
{
    /// <summary>Windows' network check: www.msftncsi.com and a plain HTTP GET /ncsi.txt on port 80 (not a version check).</summary>
    public static void NetworkCheck(Lan lan, double at)
    {
        lan.S.At(at).Dns(lan.Client, lan.Router, "www.msftncsi.com", ["131.107.255.255"], cname: "www.msftncsi.com.edgesuite.net");
        var server = lan.S.Remote("ncsi", "131.107.255.255", 0.163).On(80);
        lan.S.Wait(0.002).Tcp(lan.Client.NextPort(), server).Handshake()
            .Send(Payloads.HttpGet("www.msftncsi.com", "/ncsi.txt", "Microsoft NCSI"))
            .Reply(Payloads.HttpOk("text/plain", "Microsoft NCSI"))
            .Close();
    }

    /// <summary>NTP with time.windows.com (UDP 123 both ways).</summary>
    public static void TimeSync(Lan lan, double at)
    {
        lan.S.At(at).Dns(lan.Client, lan.Router, "time.windows.com", ["65.55.56.206"]);
        var ntp = lan.S.Remote("time", "65.55.56.206", 0.201).On(123);
        var request = new byte[48];
        request[0] = 0x23; // version 4, client mode
        lan.S.Wait(0.002).Udp(lan.Client.On(123), ntp, request).Wait(0.201).Udp(ntp, lan.Client.On(123), ServerTime());
    }

    /// <summary>A web visit from <paramref name="host"/>: DNS, then TLS on TCP 443 with the name in its ClientHello.</summary>
    public static void Https(Lan lan, Host host, string name, string address, double at, double rtt = 0.09)
    {
        lan.S.At(at).Dns(host, lan.Router, name, [address]);
        var server = lan.S.Remote(name, address, rtt).On(443);
        lan.S.Wait(0.002).Tcp(host.NextPort(), server).Handshake()
            .Send(lan.S.Payloads.TlsClientHello(name)).Reply(lan.S.Payloads.TlsApplicationData(2900))
            .Send(lan.S.Payloads.TlsApplicationData(126)).Reply(lan.S.Payloads.TlsApplicationData(51));
    }

    /// <summary>The same over IPv6: an AAAA query sent over IPv6 to the router, then TLS to the IPv6 address.</summary>
    public static void HttpsIpv6(Lan lan, Host client6, Host router6, string name, string address, double at)
    {
        lan.S.At(at).Dns(client6, router6, name, [address], DnsMessage.TypeAaaa);
        var server = lan.S.Remote(name + "-v6", address, 0.084).On(443);
        lan.S.Wait(0.002).Tcp(client6.NextPort(), server).Handshake()
            .Send(lan.S.Payloads.TlsClientHello(name)).Reply(lan.S.Payloads.TlsApplicationData(1400))
            .Send(lan.S.Payloads.TlsApplicationData(90));
    }

    /// <summary>A UPnP search (SSDP M-SEARCH to 239.255.255.250:1900) as Windows sends it on start-up.</summary>
    public static void Ssdp(Lan lan, Host host, double at)
    {
        var group = lan.S.Remote("ssdp", "239.255.255.250", 0.0).On(1900);
        var search = Payloads.Ascii("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: urn:dial-multicast:google-com:google:device:dial:1\r\n\r\n");
        lan.S.At(at).Udp(host.On(57621), group, search);
    }

    /// <summary>A DNS lookup only (the application behind it is not in the capture).</summary>
    public static void Lookup(Lan lan, Host host, string name, string address, double at) =>
        lan.S.At(at).Dns(host, lan.Router, name, [address]);

    private static byte[] ServerTime()
    {
        var reply = new byte[48];
        reply[0] = 0x24; // version 4, server mode
        reply[1] = 2; // stratum
        reply[40] = 0xD5; // transmit time 2013 (seconds since 1900), the rest zero
        reply[41] = 0x59;
        reply[42] = 0xF9;
        reply[43] = 0x20;
        return reply;
    }
}
