using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Contact;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Contact;

/// <summary>Decision 0033: a contact message is stored with its sender's address and user agent, and admins are told
/// by mail that one arrived, without any of the visitor's words; a filled honeypot is answered like success and kept
/// nowhere; bad fields are messages on the page (values kept) or field errors in the API.</summary>
public sealed class ContactTests : IClassFixture<MusicSiteFactory>
{
    private readonly MusicSiteFactory site;

    public ContactTests(MusicSiteFactory site)
    {
        this.site = site;
        site.WithAdmin();
    }

    private static string Token() => Guid.NewGuid().ToString("N")[..12];

    private HttpClient Visitor(string address = "203.0.113.7")
    {
        var client = TestClientAddress.From(site.CreateClient(new() { AllowAutoRedirect = false }), address);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("ContactTest/1.0");
        return client;
    }

    private Task<ContactMessage?> StoredAsync(string subject) =>
        site.WithDbAsync(db => db.ContactMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Subject == subject));

    private IReadOnlyList<string> AdminMail() => MailFolder.MessagesTo(site.MailDirectory, TrackUploads.AdminEmail)
        .Where(m => m.Contains(ContactDesk.MailSubject, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task FormMessage_IsStoredAndAdminsAreToldWithoutTheVisitorsText()
    {
        var (name, subject, body) = ($"Nora {Token()}", $"Subject {Token()}", $"Body {Token()} https://phish.example/login");
        var mailBefore = AdminMail().Count;

        var response = await Visitor().PostFormAsync("/contact", new()
        {
            ["name"] = name, ["email"] = "nora@example.com", ["subject"] = subject, ["message"] = body, ["website"] = "",
        });

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/contact/sent", response.Headers.Location!.PathAndQuery);
        var stored = await StoredAsync(subject);
        Assert.NotNull(stored);
        Assert.Equal((name, "nora@example.com", body), (stored.Name, stored.Email, stored.Message));
        Assert.Equal("203.0.113.7", stored.ClientAddress);
        Assert.Equal("ContactTest/1.0", stored.UserAgent);
        var mails = await Eventually.Until("the admin mail", () => Task.FromResult(AdminMail()), m => m.Count > mailBefore, TimeSpan.FromSeconds(10));
        var mail = mails[^1];
        Assert.Contains(ContactDesk.InboxPath, mail);
        foreach (var visitorText in new[] { name, subject, body, "phish.example", "nora@example.com" })
        {
            Assert.DoesNotContain(visitorText, mail);
        }
        var sent = new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync("/contact/sent"));
        Assert.NotNull(sent.QuerySelector("[data-testid=contact-sent]"));
    }

    [Fact]
    public async Task FormMessage_BadFields_ShowMessagesAndKeepValues()
    {
        var subject = $"Kept {Token()}";

        var response = await Visitor().PostFormAsync("/contact", new()
        {
            ["name"] = "Kept Name", ["email"] = "not-an-address", ["subject"] = subject, ["message"] = "",
        });

        Assert.Equal(200, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(doc.QuerySelector("[data-testid=contact-problem]"));
        Assert.Equal("true", doc.QuerySelector("#email")!.GetAttribute("aria-invalid"));
        Assert.Equal("true", doc.QuerySelector("#message")!.GetAttribute("aria-invalid"));
        Assert.Equal("Kept Name", doc.QuerySelector("#name")!.GetAttribute("value"));
        Assert.Equal(subject, doc.QuerySelector("#subject")!.GetAttribute("value"));
        Assert.Null(await StoredAsync(subject));
    }

    [Fact]
    public async Task Honeypot_FilledIsAnsweredLikeSuccess_ButStoredAndMailedNowhere()
    {
        var (formSubject, apiSubject) = ($"Bot form {Token()}", $"Bot api {Token()}");
        var mailBefore = AdminMail().Count;

        var form = await Visitor().PostFormAsync("/contact", new()
        {
            ["name"] = "Bot", ["email"] = "bot@example.com", ["subject"] = formSubject, ["message"] = "Buy", ["website"] = "https://spam.example",
        });
        var api = await Visitor().PostAsJsonAsync("/api/contact",
            new { name = "Bot", email = "bot@example.com", subject = apiSubject, message = "Buy", website = "x" });

        Assert.Equal(302, (int)form.StatusCode);
        Assert.Equal("/contact/sent", form.Headers.Location!.PathAndQuery);
        Assert.Equal(202, (int)api.StatusCode);
        Assert.Null(await StoredAsync(formSubject));
        Assert.Null(await StoredAsync(apiSubject));
        Assert.Equal(mailBefore, AdminMail().Count);
    }

    [Fact]
    public async Task ContactPage_HoneypotIsHiddenFromPeopleAndScreenReaders()
    {
        var doc = new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync("/contact"));

        var trap = doc.QuerySelector("#website")!;
        Assert.Equal("-1", trap.GetAttribute("tabindex"));
        Assert.Equal("off", trap.GetAttribute("autocomplete"));
        Assert.NotNull(doc.QuerySelector("label[for=website]"));
        var box = trap.ParentElement!;
        Assert.Equal("true", box.GetAttribute("aria-hidden"));
        Assert.Contains("visually-hidden", box.ClassList);
        foreach (var field in new[] { "name", "email", "subject", "message" })
        {
            Assert.NotNull(doc.QuerySelector($"label[for={field}]"));
        }
    }

    [Fact]
    public async Task Api_Received202_StoresTheMessage()
    {
        var subject = $"Api {Token()}";

        var response = await Visitor("203.0.113.9").PostAsJsonAsync("/api/contact",
            new { name = "Api Person", email = "api@example.com", subject, message = "Hello\nthere" });

        Assert.Equal(202, (int)response.StatusCode);
        Assert.Equal("received", (await response.JsonAsync()).GetProperty("status").GetString());
        var stored = await StoredAsync(subject);
        Assert.Equal("Hello\nthere", stored!.Message);
        Assert.Equal("203.0.113.9", stored.ClientAddress);
    }

    [Theory]
    [InlineData("""{"email":"a@example.com","subject":"s","message":"m"}""", "name")]
    [InlineData("""{"name":"n","email":"nope","subject":"s","message":"m"}""", "email")]
    [InlineData("""{"name":"n","email":"a@example.com","message":"m"}""", "subject")]
    [InlineData("""{"name":"n","email":"a@example.com","subject":"s","message":"  "}""", "message")]
    [InlineData("""{"name":"n\u202e","email":"a@example.com","subject":"s","message":"m"}""", "name")]
    [InlineData("""{"name":5,"email":"a@example.com","subject":"s","message":"m"}""", "name")]
    [InlineData("""[1,2]""", "body")]
    public async Task Api_BadFields_AreFieldErrors(string json, string field)
    {
        var response = await Visitor().PostAsync("/api/contact", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Api_TooLongMessage_IsAFieldError()
    {
        var response = await Visitor().PostAsJsonAsync("/api/contact",
            new { name = "n", email = "a@example.com", subject = "s", message = new string('x', ContactMessage.MessageMaxLength + 1) });

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("message", out _));
    }
}

/// <summary>The contact limit counts sends per client address (RateLimits.Contact): past it the API answers 429
/// RATE_LIMITED and the page the 429 page, both with Retry-After; another address is still heard.</summary>
public sealed class ContactRateLimitTests : IDisposable
{
    private readonly MusicSiteFactory site = new();

    public ContactRateLimitTests() => site.Settings["RateLimits:ContactPerHour"] = "2";

    public void Dispose() => site.Dispose();

    [Fact]
    public async Task ThirdSendFromOneAddress_Is429WithRetryAfter()
    {
        HttpClient From(string address) => TestClientAddress.From(site.CreateClient(new() { AllowAutoRedirect = false }), address);
        var message = new { name = "n", email = "a@example.com", subject = "s", message = "m" };
        var client = From("198.51.100.60");

        Assert.Equal(202, (int)(await client.PostAsJsonAsync("/api/contact", message)).StatusCode);
        Assert.Equal(302, (int)(await client.PostFormAsync("/contact", new() { ["name"] = "n", ["email"] = "a@example.com", ["subject"] = "s", ["message"] = "m" })).StatusCode);
        var api = await client.PostAsJsonAsync("/api/contact", message);
        var page = await client.PostFormAsync("/contact", new() { ["name"] = "n", ["email"] = "a@example.com", ["subject"] = "s", ["message"] = "m" });

        await api.ProblemAsync(429, "RATE_LIMITED");
        Assert.True(api.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(429, (int)page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("Too many requests", await page.Content.ReadAsStringAsync());
        Assert.Equal(202, (int)(await From("198.51.100.61").PostAsJsonAsync("/api/contact", message)).StatusCode);
        Assert.Equal(3, await site.CountAsync<ContactMessage>()); // two from the first address, one from the second
    }
}
