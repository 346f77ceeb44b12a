using SkypeDissect.Cli.Rendering;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cli;

/// <summary>The signatures command shows the parameters of the payload-prefix and timed-fallback kinds.</summary>
public class ModelRenderingNewKindsTests
{
    [Fact]
    public void Json_NewKinds_CarryTheirParameters()
    {
        var json = ModelJson.Render([KindsTestModel.Version]);
        json.Should().Contain("\"kind\": \"payload-prefix\"")
            .And.Contain("\"prefix\": \"16 03 01 00 00\",\n          \"exactLength\": 5,\n          \"endpoints\": []")
            .And.Contain("\"kind\": \"timed-fallback\"")
            .And.Contain("\"after\": \"feedback-range\",\n          \"maxDelaySeconds\": 3,")
            .And.Contain("\"pattern\": \"{label}.gateway.messenger.live.com\"");
    }

    [Fact]
    public void Table_NewKinds_SayTheirEvidence()
    {
        var o = new StringWriter();
        ModelTable.Render([KindsTestModel.Version], o);
        var text = o.ToString();
        text.Should().Contain("client's first payload 16 03 01 00 00 (5 bytes) on any port")
            .And.Contain("client's first payload 80 46 01 03 01 on tcp/443")
            .And.Contain("SYN within 3 s of feedback-range to the same address, on tcp/443");
    }
}
