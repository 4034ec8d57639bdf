using System.Globalization;
using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcServerTimeTests
{
    [Theory]
    [InlineData("2026-11-29T15:04:05.1234567Z", "2026-11-29T15:04:05.123Z")]
    [InlineData("2026-11-29T16:04:05.000+01:00", "2026-11-29T15:04:05.000Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.999Z")]
    public void ServerTimeIsUtcWithMilliseconds(string time, string value)
    {
        var parsed = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture);
        Assert.Equal(value, IrcServerTime.ToTagValue(parsed));
        Assert.Equal(new IrcTag("time", value), IrcServerTime.ToTag(parsed));
    }
}
