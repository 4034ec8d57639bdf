namespace Chat.Tests.Infrastructure;

/// <summary>
/// Tests that load the machine (many connections, floods, big broadcasts) or measure this process's memory run
/// alone, one at a time, after the others.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class HeavyTests
{
    public const string Collection = "Heavy";
}
