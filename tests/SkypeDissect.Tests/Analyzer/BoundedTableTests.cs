using SkypeDissect.Analyzer.Engine;

namespace SkypeDissect.Tests.Analyzer;

public class BoundedTableTests
{
    [Fact]
    public void Full_EvictsTheEntryWrittenLongestAgo()
    {
        var removed = new List<string>();
        var table = new BoundedTable<string, int>(3, (k, _) => removed.Add(k));
        table.Set("a", 1);
        table.Set("b", 2);
        table.Set("c", 3);
        table.Set("a", 10); // rewriting makes "a" the newest

        table.Set("d", 4);

        table.ContainsKey("b").Should().BeFalse();
        (table.Count, table.Evictions).Should().Be((3, 1L));
        removed.Should().Equal("b");
        table.TryGetValue("a", out var a).Should().BeTrue();
        a.Should().Be(10);
    }

    [Fact]
    public void RemovedKeys_DoNotCountAsOldest()
    {
        var table = new BoundedTable<int, int>(2);
        table.Set(1, 1);
        table.Set(2, 2);
        table.Remove(1).Should().BeTrue();
        table.Set(1, 1); // back, now the newest

        table.Set(3, 3);

        table.ContainsKey(2).Should().BeFalse();
        table.ContainsKey(1).Should().BeTrue();
    }

    [Fact]
    public void ManyRewrites_KeepTheAgeOrderAndBoundedMemory()
    {
        var table = new BoundedTable<int, int>(4);
        for (var i = 0; i < 10_000; i++)
        {
            table.Set(i % 4, i);
        }

        table.Set(99, 0); // the oldest write is key 0 (i = 9996)

        table.ContainsKey(0).Should().BeFalse();
        table.Count.Should().Be(4);
    }
}
