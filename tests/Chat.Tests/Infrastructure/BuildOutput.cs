namespace Chat.Tests.Infrastructure;

/// <summary>The solution's programs as built, for tests that run them as real processes (<c>dotnet X.dll</c>).</summary>
public static class BuildOutput
{
    /// <summary>
    /// A project's assembly in its own build output, as <c>dotnet run --project</c> runs it. The copy next to the
    /// tests lacks the packages that the test process takes from the ASP.NET Core framework instead.
    /// </summary>
    public static string Assembly(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (!File.Exists(Path.Combine(root.FullName, "ChatApp.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException($"No ChatApp.sln above {AppContext.BaseDirectory}.");
        }

        return Path.Combine(root.FullName, project, "bin", configuration, framework, project + ".dll");
    }

    /// <summary>The dotnet that runs the tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
