using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Chat.Handlers.Hosting;

/// <summary>
/// Binds Kestrel's own connection limit (counted per endpoint) to twice <see cref="ChatLimits.MaxConnections"/>.
/// Below it, <see cref="ConnectionLimiter"/> refuses extra chat connections with a line saying why; beyond it,
/// Kestrel closes them without a word, so even a flood of refused connections stays cheap.
/// </summary>
internal sealed class KestrelConnectionLimitSetup(IOptions<ChatOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel) =>
        kestrel.Limits.MaxConcurrentConnections = 2L * options.Value.Limits.MaxConnections;
}
