using SkypeDissect.Analyzer;
using SkypeDissect.Tests.Support;
using static SkypeDissect.Tests.Analyzer.Scenario;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>timed-fallback (docs/tagging.md 3.4) with the test model: feedback-fallback, tcp/443 at most 3 s after
/// the first SYN of the client's latest connection to the same address tagged by feedback-range (tcp/12350).</summary>
public class TimedFallbackRuleTests
{
    private const string Feedback = "91.190.216.125";

    private static List<TaggedFrame> RunKinds(params TestFrame[] frames) => Run(KindsTestModel.Model, null, frames);

    private static TestFrame Syn(double t, int port, int serverPort, string server = Feedback, string client = Client) =>
        Tcp(t, client, port, server, serverPort, Packets.Syn);

    [Fact]
    public void SynTo443_1_61sAfterThe12350Syn_IsTheFallback_RestByFlowMemory()
    {
        var tagged = RunKinds(
        [
            Syn(0, 50000, 12350),
            Syn(1.61, 50001, 443),
            Tcp(1.7, Feedback, 443, Client, 50001, Packets.SynAck),
            Tcp(1.8, Client, 50001, Feedback, 443, Packets.Data, [0x16, 0x03, 0x01, 0x00, 0x00]),
        ]);

        Lines(tagged).Should().Equal(
            "1 6 feedback feedback-range", "2 6 feedback feedback-fallback", "3 6 feedback feedback-fallback", "4 6 feedback feedback-fallback");
        tagged[1].Client.Should().Be(Client);
        tagged[2].FromFlow.Should().BeTrue();
    }

    [Theory]
    [InlineData(2.99, true)]
    [InlineData(3.01, false)]
    [InlineData(10, false)]
    public void Delay_AtMostMaxDelay(double delay, bool tagged)
    {
        Lines(RunKinds(Syn(100, 50000, 12350), Syn(100 + delay, 50001, 443)))
            .Should().Equal(tagged ? ["1 6 feedback feedback-range", "2 6 feedback feedback-fallback"] : ["1 6 feedback feedback-range"]);
    }

    [Fact]
    public void OtherAddressOfTheSameNetwork_OrOtherClient_IsNotTheFallback()
    {
        Lines(RunKinds(Syn(0, 50000, 12350), Syn(1, 50001, 443, "91.190.216.126"), Syn(1.1, 50002, 443, Feedback, "192.168.1.99")))
            .Should().Equal("1 6 feedback feedback-range");
    }

    [Fact]
    public void OnlyASynWithoutAck_Matches()
    {
        Lines(RunKinds(Syn(0, 50000, 12350), Tcp(1, Client, 50001, Feedback, 443, Packets.AckFlag), Tcp(1.1, Client, 50002, Feedback, 443, Packets.SynAck)))
            .Should().Equal("1 6 feedback feedback-range");
    }

    [Fact]
    public void RetransmittedSyn_KeepsTheFirstSynTime_ANewConnectionRestartsIt()
    {
        Lines(RunKinds(Syn(0, 50000, 12350), Syn(1, 50000, 12350), Syn(2, 50000, 12350), Syn(3.2, 50001, 443)))
            .Should().Equal("1 6 feedback feedback-range", "2 6 feedback feedback-range", "3 6 feedback feedback-range");

        Lines(RunKinds(Syn(0, 50000, 12350), Syn(2, 50002, 12350), Syn(4.5, 50001, 443)))
            .Should().Equal("1 6 feedback feedback-range", "2 6 feedback feedback-range", "3 6 feedback feedback-fallback");
    }

    [Fact]
    public void TimeGoingBackwards_IsNoFallback()
    {
        Lines(RunKinds(Syn(5, 50000, 12350), Syn(4, 50001, 443))).Should().Equal("1 6 feedback feedback-range");
    }
}
