namespace Chat.Tests.Cluster;

/// <summary>
/// A real redis-server and three Chat.Host processes clustered through it, shared by the tests of a class, plus a
/// fourth node for the one test that kills a node (started with the others, so no test waits for a start).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Short, so a killed node's users are gone within a test's patience.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    /// <summary>The account every node takes for a server operator.</summary>
    public const string Operator = "cluster-root";

    public RedisServer Redis { get; } = new();

    public NodeProcess[] Nodes { get; private set; } = [];

    /// <summary>The node to kill.</summary>
    public NodeProcess Doomed { get; private set; } = null!;

    /// <summary>What every process printed last, for failure messages.</summary>
    public string Output => string.Join("\n", [.. Nodes.Append(Doomed).OfType<NodeProcess>().Select(n => n.Output), Redis.Output]);

    public async ValueTask InitializeAsync()
    {
        await Redis.StartAsync();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => NodeProcess.StartAsync(i < 3 ? $"node{i}" : "doomed", Redis.Configuration, Lease)));
        Nodes = nodes[..3];
        Doomed = nodes[3];
    }

    /// <summary>Runs a test's body; a failure carries the processes' last output.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex}\n{Output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var node in Nodes.Append(Doomed).OfType<NodeProcess>())
        {
            node.Dispose();
        }

        Redis.Dispose();
        return ValueTask.CompletedTask;
    }
}
