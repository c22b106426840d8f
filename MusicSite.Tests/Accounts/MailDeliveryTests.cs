using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Accounts;

public sealed class SmtpConfiguredFixture : CoreServicesFixture
{
    public LoopbackSmtpServer Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Mail:SmtpHost", "127.0.0.1"),
        new("Mail:SmtpPort", Smtp.Port.ToString()),
        new("Mail:SmtpEnableSsl", "false"),
        new("Mail:From", "MusicSite <hello@musicsite.test>"),
    ];

    public override void Dispose()
    {
        Smtp.Dispose();
        base.Dispose();
    }
}

/// <summary>With an SMTP host configured, account mail goes over SMTP and nothing lands in mail/.</summary>
public sealed class SmtpDeliveryTests(SmtpConfiguredFixture core) : IClassFixture<SmtpConfiguredFixture>
{
    [Fact]
    public async Task Register_WithSmtpConfigured_SendsTheConfirmationOverSmtp()
    {
        await using var scope = core.Scope();
        var email = $"smtp-{Guid.NewGuid():N}@example.com";

        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .RegisterAsync(new RegisterInput(email, "Passw0rdOk", "Smtp User", null), default);

        Assert.True(result.Succeeded);
        var (recipients, data) = Assert.Single(core.Smtp.Messages);
        Assert.Equal([email], recipients);
        Assert.Contains("hello@musicsite.test", data);
        Assert.Contains("Subject: Confirm your MusicSite email", data);
        Assert.Empty(Directory.GetFiles(core.Paths.Mail));
    }
}

/// <summary>Without an SMTP host, each message is an .eml file in the data directory's mail/ folder.</summary>
public sealed class PickupDeliveryTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task Send_WithoutSmtp_WritesAnEmlFile()
    {
        var sender = core.Services.GetRequiredService<IMailSender>();

        await sender.SendAsync("pickup@example.com", "Hello from the tests", "Body line with ünïcödé.", default);

        var message = Assert.Single(MailFolder.MessagesTo(core.Paths.Mail, "pickup@example.com"));
        Assert.Contains("Body line with ünïcödé.", message);
    }
}
