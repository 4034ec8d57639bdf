using System.Reflection;
using Chat.Handlers.Fronts.Irc;

namespace Chat.Tests.Irc;

public class IrcNumericsTests
{
    [Fact]
    public void NumericsAreDistinctThreeDigitCommands()
    {
        var numerics = typeof(IrcNumerics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        // Every reply and error issue 14 lists, and those the front sends besides.
        Assert.Equal(89, numerics.Count);
        Assert.Equal(numerics.Count, numerics.Distinct().Count());
        Assert.All(numerics, n => Assert.True(n.Length == 3 && n.All(char.IsAsciiDigit) && IrcMessage.IsValidCommand(n), n));
    }
}
