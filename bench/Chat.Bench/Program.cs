using Chat.Bench;

BenchOptions options;
List<Scenario> scenarios;
try
{
    options = BenchOptions.Parse(args);
    scenarios = [.. options.Scenarios.SelectMany(name => name == "all" ? Scenario.SingleNode : [Scenario.Find(name)]).Select(s => s.With(options))];
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var runner = new ScenarioRunner(options);
var failed = false;
foreach (var scenario in scenarios)
{
    var runs = new List<RunResult>();
    for (var i = 0; i < (scenario.Senders > 0 ? options.Warmup : 0); i++)
    {
        Console.WriteLine($"warm-up {await runner.RunAsync(scenario)}");
    }

    for (var i = 0; i < options.Repeat; i++)
    {
        var result = await runner.RunAsync(scenario);
        runs.Add(result);
        Console.WriteLine(result);
        failed |= result.Failed;
    }

    if (runs.Count > 1)
    {
        Console.WriteLine(RunResult.Median(runs));
    }
}

// Non-zero when a message was lost, a client was not held or a stalled client was kept, so scripts can tell.
return failed ? 1 : 0;
