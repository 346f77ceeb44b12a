using SkypeDissect.Analyzer.Decoding;

namespace SkypeDissect.Tests.Analyzer;

public class FragmentTableTests
{
    private static readonly FragmentKey Key = new(IpAddress.Parse("192.168.1.23"), IpAddress.Parse("157.56.52.28"), 0x1234, 4);

    [Theory]
    [InlineData(3599.0, true)]
    [InlineData(3600.0, true)]
    [InlineData(3600.5, false)]
    public void APendingDatagram_IsForgottenWhenIdleForLongerThanTheIdleTime(double gap, bool reassembled)
    {
        var table = new FragmentTable();
        table.Add(Key, 0, more: true, new byte[8], time: 100).Should().BeFalse();

        var completes = table.Add(Key, 8, more: false, new byte[4], time: 100 + gap);

        completes.Should().Be(reassembled);
        table.PendingCount.Should().Be(reassembled ? 0 : 1, "a late fragment starts a datagram of its own");
    }

    [Fact]
    public void IdleDatagrams_GoFromTheOldest_WhenOtherFragmentsArrive()
    {
        var table = new FragmentTable();
        for (uint id = 0; id < 10; id++)
        {
            table.Add(Key with { Identification = id }, 0, more: true, new byte[8], time: id);
        }

        table.Add(Key with { Identification = 99 }, 0, more: true, new byte[8], time: 3604.5);

        table.PendingCount.Should().Be(6, "ids 0-4 are more than 3,600 s behind; 5-9 and 99 stay");
    }

    [Fact]
    public void ReusedDatagrams_StartEmpty()
    {
        var table = new FragmentTable();
        for (var round = 0; round < 3; round++)
        {
            table.Add(Key, 0, more: true, [1, 2, 3, 4, 5, 6, 7, 8], time: round).Should().BeFalse();
            table.Add(Key, 8, more: false, [(byte)round], time: round).Should().BeTrue();
            table.Completed.ToArray().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8, (byte)round);
        }
    }
}
