namespace Chat.Tests.Infrastructure;

/// <summary>A history database of one test's own, in a fresh temporary directory that disposing deletes.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("chat-history-");

    public string DirectoryPath => _directory.FullName;

    public string Path => System.IO.Path.Combine(_directory.FullName, "chat.db");

    /// <summary>The settings that turn history on in this file, for <see cref="TestServer"/> or a server process.</summary>
    public string[] Settings => ["Chat:History:Enabled=true", $"Chat:History:ConnectionString=Data Source={Path}"];

    /// <summary>History and accounts in this file, history switched as the configuration says.</summary>
    public string[] StoreSettings => [$"Chat:History:ConnectionString=Data Source={Path}", $"Chat:Accounts:ConnectionString=Data Source={Path}"];

    public void Dispose() => _directory.Delete(recursive: true);
}
