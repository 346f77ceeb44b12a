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

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(300, 3)]
    [InlineData(5000, 4)]
    public void RandomWork_MatchesAListInWriteOrder(int capacity, int seed)
    {
        // The reference: a list of (key, value) from the oldest write to the newest, searched linearly.
        var random = new Random(seed);
        var removed = new List<(int, int)>();
        var table = new BoundedTable<int, int>(capacity, (k, v) => removed.Add((k, v)));
        var reference = new List<(int Key, int Value)>();
        var expectedRemoved = new List<(int, int)>();
        long evictions = 0;
        var keys = (capacity * 2) + 3;
        for (var step = 0; step < 60_000; step++)
        {
            var key = random.Next(keys);
            var at = reference.FindIndex(e => e.Key == key);
            switch (random.Next(10))
            {
                case < 6:
                    if (at >= 0)
                    {
                        reference.RemoveAt(at);
                    }
                    else if (reference.Count == capacity)
                    {
                        expectedRemoved.Add(reference[0]);
                        reference.RemoveAt(0);
                        evictions++;
                    }

                    reference.Add((key, step));
                    table.Set(key, step);
                    break;
                case < 8:
                    if (at >= 0)
                    {
                        expectedRemoved.Add(reference[at]);
                        reference.RemoveAt(at);
                    }

                    table.Remove(key).Should().Be(at >= 0);
                    break;
                default:
                    table.TryGetValue(key, out var value).Should().Be(at >= 0);
                    if (at >= 0)
                    {
                        value.Should().Be(reference[at].Value);
                    }

                    break;
            }
        }

        (table.Count, table.Evictions).Should().Be((reference.Count, evictions));
        removed.Should().Equal(expectedRemoved);
        foreach (var (key, value) in reference)
        {
            table.TryGetValue(key, out var v).Should().BeTrue();
            v.Should().Be(value);
        }
    }

    [Theory]
    [InlineData(3, 11)]
    [InlineData(50, 12)]
    [InlineData(2000, 13)]
    public void IdleExpiry_MatchesAListModel(int capacity, int seed)
    {
        // The model of docs/tagging.md section 4, written plainly: a list from the oldest write to the newest.
        const double idle = 100;
        var random = new Random(seed);
        var table = new BoundedTable<int, int>(capacity, idleSeconds: idle);
        var list = new List<(int Key, int Value, double Stamp, double Queued)>();
        double clock = double.NegativeInfinity, time = 0;
        long evictions = 0, expirations = 0;
        var keys = (capacity * 3) + 5;
        for (var step = 0; step < 40_000; step++)
        {
            time += random.Next(10) == 0 ? -random.NextDouble() * 30 : random.NextDouble() * 12; // now and then back in time
            var key = random.Next(keys);
            var at = list.FindIndex(e => e.Key == key);
            switch (random.Next(10))
            {
                case < 5: // a use
                    var found = false;
                    if (at >= 0)
                    {
                        clock = Math.Max(clock, time);
                        if (clock - list[at].Stamp > idle)
                        {
                            list.RemoveAt(at);
                            expirations++;
                        }
                        else
                        {
                            list[at] = list[at] with { Stamp = clock };
                            found = true;
                        }
                    }

                    table.TryUse(key, time, out var value).Should().Be(found);
                    if (found)
                    {
                        value.Should().Be(list[at].Value);
                    }

                    break;
                case < 9: // a write
                    clock = Math.Max(clock, time);
                    if (at >= 0)
                    {
                        list.RemoveAt(at);
                    }
                    else
                    {
                        while (list.Count > 0)
                        {
                            var oldest = list[0];
                            if (clock - oldest.Stamp > idle)
                            {
                                list.RemoveAt(0);
                                expirations++;
                            }
                            else if (oldest.Queued < oldest.Stamp)
                            {
                                list.RemoveAt(0);
                                list.Add(oldest with { Queued = oldest.Stamp });
                            }
                            else
                            {
                                break;
                            }
                        }

                        if (list.Count >= capacity)
                        {
                            list.RemoveAt(0);
                            evictions++;
                        }
                    }

                    list.Add((key, step, clock, clock));
                    table.Set(key, step, time);
                    break;
                default:
                    if (at >= 0)
                    {
                        list.RemoveAt(at);
                    }

                    table.Remove(key).Should().Be(at >= 0);
                    break;
            }

            (table.Count, table.Evictions, table.Expirations).Should().Be((list.Count, evictions, expirations), "after step {0}", step);
        }
    }
}
