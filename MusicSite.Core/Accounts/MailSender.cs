using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Accounts;

public interface IMailSender
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken);
}

/// <summary>
/// Sends mail over SMTP when a host is configured; otherwise drops each message as an .eml file in the
/// data directory's mail/ folder, where an operator (or a test) can read it.
/// </summary>
public sealed class MailSender(IOptions<MailOptions> mailOptions, IOptions<MusicSiteOptions> siteOptions,
    ILogger<MailSender> logger) : IMailSender
{
    public async Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken)
    {
        var options = mailOptions.Value;
        using var message = new MailMessage
        {
            From = new MailAddress(options.From),
            Subject = subject,
            Body = textBody,
            IsBodyHtml = false,
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
        message.To.Add(new MailAddress(to));

        using var client = new SmtpClient();
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            var pickup = siteOptions.Value.Paths.Mail;
            Directory.CreateDirectory(pickup);
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = pickup;
        }
        else
        {
            client.Host = options.SmtpHost;
            client.Port = options.SmtpPort;
            client.EnableSsl = options.SmtpEnableSsl;
            if (!string.IsNullOrEmpty(options.SmtpUser))
            {
                client.Credentials = new NetworkCredential(options.SmtpUser, options.SmtpPassword);
            }
        }

        await client.SendMailAsync(message, cancellationToken);
        logger.LogInformation("Mail '{Subject}' sent to {To} via {Route}", subject, to,
            client.DeliveryMethod == SmtpDeliveryMethod.Network ? "SMTP" : "pickup directory");
    }
}
