using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Web;

/// <summary>The chat page as a person uses it: found by labels, roles and visible text.</summary>
public sealed class ChatPage(IPage page)
{
    public IPage Page => page;

    public ILocator Status => page.Locator("#status");

    public ILocator Title => page.Locator("#conversation-title");

    public ILocator Topic => page.Locator("#topic");

    public ILocator Composer => page.Locator("#composer-input");

    public ILocator Log => page.Locator("#log");

    public ILocator Members => page.Locator("#member-list li");

    public ILocator Announcements => page.Locator("#announcer");

    /// <summary>Entries (messages and notices) of the conversation shown that contain <paramref name="text"/>.</summary>
    public ILocator Entry(string text) => page.Locator("#log .entry").Filter(new LocatorFilterOptions { HasText = text });

    /// <summary>The button of a room or direct conversation in the sidebar, e.g. "#general".</summary>
    public ILocator Conversation(string label) =>
        page.Locator("#room-list, #direct-list").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = label });

    public async Task SignInAsync(string name)
    {
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Enter the chat" }).ClickAsync();
        await Expect(Status).ToHaveTextAsync("Connected.");
    }

    public async Task SayAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
        await Expect(Composer).ToHaveValueAsync("");
    }

    public async Task JoinAsync(string room)
    {
        await page.GetByLabel("Join or create a room").FillAsync(room);
        await page.GetByLabel("Join or create a room").PressAsync("Enter");
        await Expect(Title).ToHaveTextAsync("#" + room);
    }
}
