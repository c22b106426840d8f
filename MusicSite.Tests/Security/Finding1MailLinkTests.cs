using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Hosting;

namespace MusicSite.Tests.Security;

/// <summary>
/// Security finding 1: links in account mail never follow the request's Host header. They use
/// MusicSite:PublicBaseUrl, else the first address the site listens on, and a loopback address is warned about.
/// </summary>
public sealed class Finding1MailLinkTests(KestrelSite kestrel) : IClassFixture<KestrelSite>
{
    private const string Attacker = "attacker.example";
    private readonly KestrelSite _kestrel = kestrel;

    [Fact]
    public async Task ForgotPasswordForm_WithAForeignHost_MailsALinkToTheListeningAddress()
    {
        var email = await RegisterAsync();
        var client = _kestrel.CreateClient(cookies: true);
        var fields = await PageSessions.HiddenFieldsAsync(client, "/account/forgot-password");
        fields.Add(new("Input.Email", email));

        var request = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = Attacker;
        var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        AssertOwnLink(MailFolder.LinkTo(_kestrel.Site.MailDirectory, email, "/account/reset-password"));
    }

    [Fact]
    public async Task ForgotPasswordApi_WithAForeignHost_MailsALinkToTheListeningAddress()
    {
        var email = await RegisterAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/forgot-password") { Content = JsonContent.Create(new { email }) };
        request.Headers.Host = Attacker;
        var response = await _kestrel.CreateClient().SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        AssertOwnLink(MailFolder.LinkTo(_kestrel.Site.MailDirectory, email, "/account/reset-password"));
    }

    [Fact]
    public async Task Registration_WithAForeignHost_MailsAConfirmationLinkToTheListeningAddress()
    {
        var email = await RegisterAsync(Attacker);

        AssertOwnLink(MailFolder.LinkTo(_kestrel.Site.MailDirectory, email, "/account/confirm-email"));
    }

    [Fact]
    public async Task ForgotPasswordApi_WithPublicBaseUrl_MailsALinkToIt_WhateverTheHost()
    {
        using var site = new MusicSiteFactory();
        site.Settings["MusicSite:PublicBaseUrl"] = "https://music.example.org/";
        var email = $"victim-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email)).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/forgot-password") { Content = JsonContent.Create(new { email }) };
        request.Headers.Host = Attacker;
        await site.CreateClient().SendAsync(request);

        var link = MailFolder.LinkTo(site.MailDirectory, email, "/account/reset-password");
        Assert.StartsWith("https://music.example.org/account/reset-password?", link);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("https://music.example.org", false)]
    [InlineData("http://127.0.0.1:5080", true)]
    public async Task Start_WithALoopbackBaseUrl_LogsAWarning(string publicBaseUrl, bool warned)
    {
        var logs = new LogCapture();
        using var site = new MusicSiteFactory();
        site.Settings["MusicSite:PublicBaseUrl"] = publicBaseUrl;
        site.Settings["Logging:LogLevel:MusicSite.Web.Hosting.SiteAddress"] = "Warning";
        using var logged = site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));

        await logged.CreateClient().GetAsync("/healthz");

        var warnings = logs.Messages.Where(m => m.Category == typeof(SiteAddress).FullName && m.Level == LogLevel.Warning).ToList();
        Assert.Equal(warned, warnings.Count == 1);
        if (warned)
        {
            Assert.Contains(publicBaseUrl.Length > 0 ? publicBaseUrl : SiteAddress.FallbackBaseUrl, warnings[0].Text);
            Assert.Contains("MusicSite__PublicBaseUrl", warnings[0].Text);
        }
    }

    private async Task<string> RegisterAsync(string? host = null)
    {
        var email = $"victim-{Guid.NewGuid():N}@example.com";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = JsonContent.Create(new { email, password = "Passw0rdOk", displayName = "Victim" }),
        };
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        Assert.Equal(201, (int)(await _kestrel.CreateClient().SendAsync(request)).StatusCode);
        return email;
    }

    private void AssertOwnLink(string link)
    {
        Assert.DoesNotContain(Attacker, link);
        Assert.StartsWith(_kestrel.BaseUrl + "/account/", link);
        Assert.StartsWith("http://127.0.0.1:", link);
    }

    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
