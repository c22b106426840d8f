namespace MusicSite.Accounts;

/// <summary>Builds the absolute links that account mail carries; the host knows the site's address.</summary>
public interface IAccountLinks
{
    string ConfirmEmail(int userId, string code);
    string ResetPassword(string email, string code);
}

public sealed record RegisterInput(string? Email, string? Password, string? DisplayName, string? AccountType);

public sealed record ProfileInput(string? DisplayName, string? Bio);
