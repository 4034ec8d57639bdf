using System.Globalization;
using System.Text.RegularExpressions;

namespace Chat.Tests.Operations;

/// <summary>A scrape of <c>/metrics</c>, parsed: each sample's name, labels and value, and each metric's type.</summary>
public sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];
    private readonly Dictionary<string, string> _types = [];

    public PrometheusText(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                _types[parts[2]] = parts[3];
            }
            else if (!line.StartsWith('#'))
            {
                var sample = Sample().Match(line);
                Assert.True(sample.Success, $"Not a Prometheus sample: {line}");
                var labels = Label().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
                _samples.Add((sample.Groups["name"].Value, labels, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }
    }

    public string Text { get; }

    public string? TypeOf(string metric) => _types.GetValueOrDefault(metric);

    /// <summary>The sum of the samples of <paramref name="name"/> with all the given labels (0 when there are none).</summary>
    public double Value(string name, params (string Label, string Value)[] labels) => _samples
        .Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Label) == l.Value))
        .Sum(s => s.Value);

    /// <summary>The label values <paramref name="label"/> takes among the samples of <paramref name="name"/>.</summary>
    public IReadOnlyList<string> LabelValues(string name, string label) =>
        [.. _samples.Where(s => s.Name == name && s.Labels.ContainsKey(label)).Select(s => s.Labels[label]).Distinct().Order()];

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex("""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)""")]
    private static partial Regex Label();
}
