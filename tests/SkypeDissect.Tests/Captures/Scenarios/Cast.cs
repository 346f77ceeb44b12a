namespace SkypeDissect.Tests.Captures.Scenarios;

/// <summary>Names and addresses of the paper the scenarios use, each with where it comes from.</summary>
public static class Cast
{
    /// <summary>A DNS answer of eight Table I login servers whose last is Fig. 2's 111.221.74.38.</summary>
    public static IReadOnlyList<string> LoginAnswerA { get; } =
        ["157.55.130.147", "111.221.77.151", "157.55.235.155", "213.199.179.146", "64.4.23.158", "157.56.52.19", "65.55.223.27", "111.221.74.38"];

    /// <summary>A second answer of eight Table I login servers (another dsn name, Fig. 3's repeated round).</summary>
    public static IReadOnlyList<string> LoginAnswerB { get; } =
        ["157.55.56.142", "111.221.74.21", "157.55.130.160", "64.4.23.144", "213.199.179.152", "65.55.223.33", "157.56.52.30", "111.221.77.166"];

    /// <summary>Table I servers a client keeps in its host cache (no DNS needed).</summary>
    public static IReadOnlyList<string> HostCache { get; } = ["157.55.235.147", "111.221.77.142", "213.199.179.160"];

    /// <summary>The Skype server of step 2. The paper gives no address; 91.190.216.0/21 was Skype's own network then, outside Table I.</summary>
    public const string SkypeServer = "91.190.216.125";

    /// <summary>Four super nodes: ordinary home connections, none in Table I (Section III.B.2).</summary>
    public static IReadOnlyList<(string Address, int Port)> SuperNodes { get; } =
        [("86.142.21.77", 28437), ("24.61.108.3", 41922), ("58.37.190.14", 17884), ("93.45.201.88", 63012)];

    /// <summary>Another Skype client, reached after the super nodes (Section III.B.8).</summary>
    public static (string Address, int Port) Peer { get; } = ("114.80.42.9", 39201);

    /// <summary>Fig. 4: s.gateway.messenger.live.com answered 65.55.121.231.</summary>
    public const string EchoName = "s.gateway.messenger.live.com";
    public const string EchoAddress = "65.55.121.231";

    /// <summary>Fig. 5: ui.skype.com answered 204.9.163.247.</summary>
    public const string UpdateName = "ui.skype.com";
    public const string UpdateAddress = "204.9.163.247";

    /// <summary>The version check of client 6.3.0.197 (Section III.B.5: the first line asks for the latest version).</summary>
    public const string UpdateTarget = "/ui/0/6.3.0.197/en/getlatestversion?ver=6.3.0.197";
    public const string SkypeUserAgent = "Skype 6.3";

    /// <summary>Fig. 6 for build 6.3.0.197: eight addresses, the last 193.120.199.18.</summary>
    public const string FeedbackName = "6.3.0.197.rst5.r.skype.net";

    public static IReadOnlyList<string> FeedbackAnswer { get; } =
        ["193.120.199.12", "91.190.218.61", "193.120.199.14", "91.190.218.65", "193.120.199.15", "91.190.218.70", "193.120.199.16", "193.120.199.18"];

    /// <summary>Section III.B.7: connect.facebook.com (an alias of Facebook's edge, as resolvers answered then).</summary>
    public const string FacebookName = "connect.facebook.com";
    public const string FacebookAlias = "star.c10r.facebook.com";

    public static IReadOnlyList<string> FacebookAnswer { get; } = ["69.171.229.11"];
}
