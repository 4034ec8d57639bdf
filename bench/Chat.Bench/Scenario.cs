namespace Chat.Bench;

public enum ScenarioKind
{
    /// <summary>Clients join a fresh room; <see cref="Scenario.Senders"/> of them send, everyone counts deliveries.</summary>
    Messages,

    /// <summary>Clients register and stay idle in the room everyone lands in; the server's memory per connection is read.</summary>
    Idle,

    /// <summary>Clients register into the room everyone lands in; the figure is the time until the last has seen its own join.</summary>
    Connect,
}

/// <summary>
/// One named load: <see cref="Clients"/> connect and register; in a <see cref="ScenarioKind.Messages"/> scenario they
/// join one room and <see cref="Senders"/> of them each send <see cref="Messages"/> lines, as fast as possible
/// (<see cref="Rate"/> 0) or at Rate lines per second. <see cref="Mode"/> set means the scenario fixes the wire mode;
/// <see cref="StalledReader"/> adds one more member of the room that stops reading once it has joined. With
/// <see cref="Nodes"/> 2, clients (and senders) alternate between two clustered nodes (<c>--cluster-port</c>).
/// </summary>
public sealed record Scenario(string Name, ScenarioKind Kind, int Clients, int Senders, int Messages, int Rate, int Nodes = 1)
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("fanout-100", ScenarioKind.Messages, Clients: 100, Senders: 10, Messages: 1000, Rate: 0),
        new("fanout-1000", ScenarioKind.Messages, Clients: 1000, Senders: 2, Messages: 100, Rate: 0),
        new("paced", ScenarioKind.Messages, Clients: 100, Senders: 10, Messages: 1000, Rate: 100),
        new("burst-json", ScenarioKind.Messages, Clients: 100, Senders: 10, Messages: 5000, Rate: 0) { Mode = WireMode.Json },
        new("burst-stalled", ScenarioKind.Messages, Clients: 100, Senders: 10, Messages: 5000, Rate: 0) { Mode = WireMode.Json, StalledReader = true },
        new("idle-10k", ScenarioKind.Idle, Clients: 10_000, Senders: 0, Messages: 0, Rate: 0),
        new("connect-10k", ScenarioKind.Connect, Clients: 10_000, Senders: 0, Messages: 0, Rate: 0),
        new("fanout-cluster", ScenarioKind.Messages, Clients: 100, Senders: 10, Messages: 1000, Rate: 0, Nodes: 2),
        new("paced-cluster", ScenarioKind.Messages, Clients: 100, Senders: 10, Messages: 1000, Rate: 100, Nodes: 2),
    ];

    public WireMode? Mode { get; init; }

    public bool StalledReader { get; init; }

    /// <summary>What <c>all</c> runs: the scenarios of one server.</summary>
    public static IEnumerable<Scenario> SingleNode => All.Where(s => s.Nodes == 1);

    public static Scenario Find(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scenario {name}; expected {string.Join(", ", All.Select(s => s.Name))} or all.");

    public Scenario With(BenchOptions options)
    {
        var mode = Mode ?? options.Mode;
        if (options.Target == BenchTarget.Reference && mode != WireMode.Text)
        {
            throw new ArgumentException($"{Name}: the reference broadcaster speaks the text dialect only.");
        }

        if (Nodes > 1 && options.Target == BenchTarget.Reference)
        {
            throw new ArgumentException($"{Name}: the reference broadcaster has no cluster.");
        }

        if (StalledReader && !OperatingSystem.IsLinux())
        {
            throw new ArgumentException($"{Name}: telling that the server closed a client that does not read needs Linux (TCP_INFO).");
        }

        var isMessages = Kind == ScenarioKind.Messages;
        return this with
        {
            Mode = mode,
            Clients = options.Clients ?? Clients,
            Senders = isMessages ? Math.Min(options.Senders ?? Senders, options.Clients ?? Clients) : 0,
            Messages = isMessages ? options.Messages ?? Messages : 0,
            Rate = isMessages ? options.Rate ?? Rate : 0,
        };
    }
}
