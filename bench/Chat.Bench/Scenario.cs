namespace Chat.Bench;

/// <summary>
/// One named load: <see cref="Clients"/> connect, register and join one room; <see cref="Senders"/> of them each
/// send <see cref="Messages"/> lines, as fast as possible (<see cref="Rate"/> 0) or at Rate lines per second. With
/// <see cref="Nodes"/> 2, clients (and senders) alternate between two clustered nodes (<c>--cluster-port</c>).
/// </summary>
public sealed record Scenario(string Name, int Clients, int Senders, int Messages, int Rate, int Nodes = 1)
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("fanout-100", Clients: 100, Senders: 10, Messages: 1000, Rate: 0),
        new("fanout-1000", Clients: 1000, Senders: 2, Messages: 100, Rate: 0),
        new("paced", Clients: 100, Senders: 10, Messages: 1000, Rate: 100),
        new("idle-10k", Clients: 10_000, Senders: 0, Messages: 0, Rate: 0),
        new("fanout-cluster", Clients: 100, Senders: 10, Messages: 1000, Rate: 0, Nodes: 2),
        new("paced-cluster", Clients: 100, Senders: 10, Messages: 1000, Rate: 100, Nodes: 2),
    ];

    /// <summary>What <c>all</c> runs: the scenarios of one server.</summary>
    public static IEnumerable<Scenario> SingleNode => All.Where(s => s.Nodes == 1);

    public static Scenario Find(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scenario {name}; expected {string.Join(", ", All.Select(s => s.Name))} or all.");

    public Scenario With(BenchOptions options) => this with
    {
        Clients = options.Clients ?? Clients,
        Senders = Math.Min(options.Senders ?? Senders, options.Clients ?? Clients),
        Messages = options.Messages ?? Messages,
        Rate = options.Rate ?? Rate,
    };

    /// <summary>Idle scenarios stay in the room everyone lands in: joining another one adds nothing to measure.</summary>
    public bool JoinsBenchRoom => Senders > 0;
}
