namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// Issue 14, item 3: a client whose Skype UDP port is 53. Its probes to a login server are ladder attempts
/// (the tagging rule is no dns-name rule), so the port is learned and later super node traffic is tagged, in
/// both implementations (docs/tagging.md section 4, "DNS frames of group login-server").
/// </summary>
public sealed class SkypePortTests
{
    [SkippableTheory]
    [InlineData(53)]
    [InlineData(33033)]
    public void SkypePort_AfterCompleteLogin_SupernodeTaggedByBoth(int skypePort)
    {
        var frames = LoginFrames.Complete(skypePort).Append(LoginFrames.FromSkypePort(skypePort, LoginFrames.Supernode, 28437, LoginFrames.Probe));

        var r = ParityCheck.Run(ParityCheck.Ethernet(frames), $"skype-port-{skypePort}");

        r.ShouldAgree("the probe's rule decides whether it is an attempt, not its port");
        r.AnalyzerFrames.Should().Equal([1, 2, 3, 4], "the probe, the channel, its answer and the super node");
        r.Analyzer[3].Rule.Should().Be("supernode-udp");
    }
}
