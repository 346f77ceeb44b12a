using System.Globalization;

namespace SkypeDissect.Learning;

/// <summary>Sorted numbers written as compact runs, as ports and frames are read by people: <c>40001-40003,40005</c>.</summary>
public static class NumberRuns
{
    public static string Format(IReadOnlyList<int> values)
    {
        var runs = new List<string>();
        for (var i = 0; i < values.Count;)
        {
            var j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1)
            {
                j++;
            }

            runs.Add(i == j ? N(values[i]) : $"{N(values[i])}-{N(values[j])}");
            i = j + 1;
        }

        return string.Join(",", runs);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
