using SkypeDissect.Tests.Captures;
using SkypeDissect.Tests.Captures.Scenarios;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// Idle expiry (docs/tagging.md section 4) under the test model (<see cref="Support.KindsTestModel"/>): flow
/// memory and payload-seen directions are forgotten after <see cref="Model.StateBounds.IdleSeconds"/>
/// of capture time without a frame that uses them, and each use keeps them. Times are offsets from
/// <see cref="Start"/>; expectations are in <see cref="NewKindParityTests"/>.
/// </summary>
public static class IdleScenario
{
    /// <summary>Shortly after the first login (the timed fall-back's gate, login-seen, needs it).</summary>
    public const double Start = 20;

    public static Scenario Build()
    {
        var lan = new Lan(seed: 0x1d1e);
        var s = lan.S;
        var feedback = s.Remote("feedback-91.190.216.125", "91.190.216.125", 0.05);
        var node = s.Remote("skype-node", "149.13.32.15", 0.06);
        SkypeSteps.Channel(lan, s.Remote("login-157.56.52.28", "157.56.52.28", 0.1), 40009, 1.0);
        const double t = Start;

        // Flow memory: tagged at its SYN by the timed fall-back, so later frames carry the tag only through it.
        s.At(t).Tcp(lan.Client.NextPort(), feedback.On(12350)).Syn();
        var fallback = s.At(t + 1.5).Tcp(lan.Client.NextPort(), feedback.On(443)).Handshake().Send(40);

        // Payload-seen: three connections whose first payload (8 bytes) is no opener.
        var kept = s.At(t + 10).Tcp(lan.Client.NextPort(), node.On(13392)).Handshake().Send(8);
        var lost = s.At(t + 11).Tcp(lan.Client.NextPort(), node.On(13393)).Handshake().Send(8);
        var used = s.At(t + 12).Tcp(lan.Client.NextPort(), node.On(13394)).Handshake().Send(8);

        // The opener's gate (login-complete) holds for the login window after a completed login: each opener
        // below follows a login of its own (a TCP 443 attempt, complete at the SYN-ACK), 50 s before it.
        var login = s.Remote("login-157.56.52.28", "157.56.52.28", 0.1);
        fallback.At(t + 3000).Send(40);          // 2,998.5 s after its last frame: still remembered, tagged
        used.At(t + 3010).Ack();                 // an ACK without payload uses the client's direction
        s.At(t + 3460).Tcp(lan.Client.NextPort(), login.On(443)).Handshake();
        kept.At(t + 3510).Send(NewKindScenario.FakeTls);   // 3,500 s idle: a later payload, not tagged
        s.At(t + 3650).Tcp(lan.Client.NextPort(), login.On(443)).Handshake();
        lost.At(t + 3700).Send(NewKindScenario.FakeTls).Reply(20); // 3,689 s idle: forgotten, a first payload again: tagged
        s.At(t + 6550).Tcp(lan.Client.NextPort(), login.On(443)).Handshake();
        used.At(t + 6600).Send(NewKindScenario.FakeTls);   // 3,590 s after the ACK: a later payload, not tagged
        fallback.At(t + 6700).Send(40).Send(40); // 3,700 s idle: forgotten; no rule tags these frames
        return s;
    }
}
