using Chat.Handlers.Events;
using Chat.Handlers.History;
using Chat.Handlers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chat.Tests.History;

/// <summary><c>AddChatHistory</c>: the <c>Chat:History</c> section, validated, and the services it turns on.</summary>
public sealed class HistoryRegistrationTests
{
    [Fact]
    public void TheSectionBindsAndDefaultsApply()
    {
        using var services = Build(("RetentionAge", "7.00:00:00"), ("OnJoin", "50"), ("Enabled", "false"));

        var options = services.GetRequiredService<IOptions<HistoryOptions>>().Value;

        Assert.Equal(new HistoryOptions { RetentionAge = TimeSpan.FromDays(7), OnJoin = 50, Enabled = false }, options);
        Assert.Equal(100, options.MaxPageSize);
        Assert.Equal(64 * 1024, options.MaxPayloadBytes);
        Assert.Null(services.GetService<IHistoryStore>());
        Assert.Empty(services.GetServices<IEventObserver>());
        Assert.False(services.GetRequiredService<ChatHistory>().IsEnabled);
    }

    [Theory]
    [InlineData("MaxPageSize", "501", "MaxPageSize")]
    [InlineData("OnJoin", "101", "OnJoin (101) must not exceed Chat:History:MaxPageSize (100)")]
    [InlineData("RetentionInterval", "00:00:00", "RetentionInterval")]
    [InlineData("ConnectionString", "", "ConnectionString")]
    public void OutOfRangeSettingsAreRefused(string key, string value, string expected)
    {
        using var services = Build((key, value), ("Enabled", "false"));

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HistoryOptions>>().Value);

        Assert.Contains(expected, exception.Message);
    }

    [Fact]
    public async Task EnabledHistoryIsTheSqliteFileWithItsRetentionService()
    {
        var directory = Directory.CreateTempSubdirectory("chat-history-").FullName;
        try
        {
            var path = Path.Combine(directory, "chat.db");
            await using (var services = Build(("ConnectionString", $"Data Source={path}")))
            {
                Assert.IsType<SqliteHistoryStore>(services.GetRequiredService<IHistoryStore>());
                Assert.Contains(services.GetServices<IHostedService>(), s => s is HistoryRetentionService);
                Assert.Contains(services.GetServices<IHostedService>(), s => s is HistoryRestore);
                Assert.Contains(services.GetServices<IEventObserver>(), o => o is HistoryObserver);
                Assert.True(File.Exists(path));
            }

            // The host gets the one-line exception itself, not wrapped.
            File.WriteAllText(path, new string('x', 5000));
            await using (var services = Build(("ConnectionString", $"Data Source={path}")))
            {
                var exception = Assert.Throws<HistoryStoreUnavailableException>(() => services.GetRequiredService<IHistoryStore>());
                Assert.StartsWith($"History database {path} is corrupt", exception.Message);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>($"{HistoryOptions.Section}:{s.Key}", s.Value)))
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddChat(configuration.GetSection("Chat"))
            .AddChatHistory(configuration.GetSection(HistoryOptions.Section))
            .BuildServiceProvider();
    }
}
