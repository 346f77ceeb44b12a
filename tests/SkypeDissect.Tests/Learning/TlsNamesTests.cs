using System.Text;
using SkypeDissect.Learning;
using SkypeDissect.Tests.Captures;

namespace SkypeDissect.Tests.Learning;

public sealed class TlsNamesTests
{
    [Fact]
    public void ClientHelloServerName_ReadsTheServerNameExtension()
    {
        var hello = new Payloads(7).TlsClientHello("apps.skype.com");
        TlsNames.ClientHelloServerName(hello).Should().Be("apps.skype.com");
    }

    [Fact]
    public void ClientHelloServerName_CutAnywhere_IsNullNotAnException()
    {
        var hello = new Payloads(7).TlsClientHello("apps.skype.com");
        for (var length = 0; length < hello.Length; length++)
        {
            TlsNames.ClientHelloServerName(hello.AsSpan(0, length)).Should().BeNull($"cut at {length}");
        }
    }

    [Fact]
    public void CertificateNames_FindsDerStringsThatAreDnsNames()
    {
        var bytes = new List<byte> { 0x16, 0x03, 0x01, 0x30, 0x82 };
        bytes.AddRange(Der(0x82, "*.gateway.messenger.live.com"));
        bytes.AddRange(Der(0x0C, "Microsoft Corporation")); // a name without a dot is no DNS name
        bytes.AddRange(Der(0x13, "Redmond"));
        bytes.AddRange(Der(0x82, "*.by2.gateway.edge.messenger.live.com"));

        TlsNames.CertificateNames(bytes.ToArray()).Should().Equal("*.gateway.messenger.live.com", "*.by2.gateway.edge.messenger.live.com");
    }

    [Fact]
    public void CertificateNames_RandomBytes_FindNothing()
    {
        TlsNames.CertificateNames(new Payloads(99).Opaque(4096)).Should().BeEmpty();
    }

    private static byte[] Der(byte tag, string text) => [tag, (byte)text.Length, .. Encoding.ASCII.GetBytes(text)];
}
