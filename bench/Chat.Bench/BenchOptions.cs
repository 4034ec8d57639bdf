namespace Chat.Bench;

public enum WireMode
{
    Text,
    Json,

    /// <summary>IRC: NICK and USER, JOIN, PRIVMSG; against ChatApp's Irc port or another IRC server (ngircd).</summary>
    Irc,
}

public enum BenchTarget
{
    /// <summary>ChatApp: its greeting, welcome, rooms and join notices.</summary>
    Chat,

    /// <summary>The C reference broadcaster (shared/bench-reference): a name line, then every line goes to everyone else; no rooms.</summary>
    Reference,
}

/// <summary>Command-line options; every run is bounded by <see cref="Timeout"/> and targets loopback only.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Usage: Chat.Bench [options] SCENARIO...
          scenarios: fanout-100, fanout-1000, paced, burst-json, burst-stalled, idle-10k, connect-10k, all;
                     fanout-cluster, paced-cluster: two clustered nodes
          --host IP           server address, loopback only (default 127.0.0.1)
          --port N            chat port (default 5555)
          --cluster-port N    the second node's chat port, for the -cluster scenarios
          --mode text|json|irc
                              wire mode of every client (default text; burst-* are always json); irc speaks
                              to ChatApp's Irc port or to any IRC server (ngircd) as NICK/USER, JOIN, PRIVMSG
          --target chat|reference
                              the server's dialect: ChatApp or an IRC server (default) or the C reference
                              broadcaster (text only)
          --server-pid PID    read the server's VmRSS and CPU time from /proc/PID
          --timeout SECONDS   bound of each phase of a run: connecting, then delivering (default 60)
          --hold SECONDS      idle scenarios: how long clients stay connected before memory is read (default 5)
          --warmup N          message scenarios: uncounted runs first, so the server's JIT has settled (default 3)
          --repeat N          run each scenario N times and print the median line too (default 1)
          --connect-concurrency N
                              clients connecting and registering at once (default 64)
          --clients N, --senders N, --messages N, --rate N
                              override the scenario's figures (rate: messages/s per sender, 0 = as fast as possible)
        """;

    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 5555;

    public int? ClusterPort { get; init; }

    public WireMode Mode { get; init; } = WireMode.Text;

    public BenchTarget Target { get; init; } = BenchTarget.Chat;

    public int? ServerPid { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(5);

    public int Warmup { get; init; } = 3;

    public int Repeat { get; init; } = 1;

    /// <summary>Connects in flight at once: enough to keep the server busy, few enough for its accept backlog.</summary>
    public int ConnectConcurrency { get; init; } = 64;

    public int? Clients { get; init; }

    public int? Senders { get; init; }

    public int? Messages { get; init; }

    public int? Rate { get; init; }

    public List<string> Scenarios { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options.Scenarios.Add(arg);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{arg} needs a value.");
            }

            var value = args[++i];
            options = arg switch
            {
                "--host" => options with { Host = value },
                "--port" => options with { Port = int.Parse(value) },
                "--cluster-port" => options with { ClusterPort = int.Parse(value) },
                "--mode" => options with { Mode = Enum.Parse<WireMode>(value, ignoreCase: true) },
                "--target" => options with { Target = Enum.Parse<BenchTarget>(value, ignoreCase: true) },
                "--server-pid" => options with { ServerPid = int.Parse(value) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(double.Parse(value)) },
                "--hold" => options with { Hold = TimeSpan.FromSeconds(double.Parse(value)) },
                "--warmup" => options with { Warmup = int.Parse(value) },
                "--repeat" => options with { Repeat = int.Parse(value) },
                "--connect-concurrency" => options with { ConnectConcurrency = int.Parse(value) },
                "--clients" => options with { Clients = int.Parse(value) },
                "--senders" => options with { Senders = int.Parse(value) },
                "--messages" => options with { Messages = int.Parse(value) },
                "--rate" => options with { Rate = int.Parse(value) },
                _ => throw new ArgumentException($"Unknown option {arg}."),
            };
        }

        if (options.ConnectConcurrency < 1)
        {
            throw new ArgumentException("--connect-concurrency must be at least 1.");
        }

        if (options.Scenarios.Count == 0)
        {
            throw new ArgumentException("Name at least one scenario.");
        }

        if (options.ClusterPort is null && options.Scenarios.Any(name => name.EndsWith("-cluster", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("The -cluster scenarios need the second node's port: --cluster-port.");
        }

        if (!System.Net.IPAddress.TryParse(options.Host, out var address) || !System.Net.IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("The benchmark targets loopback only: --host must be a loopback address.");
        }

        return options;
    }
}
