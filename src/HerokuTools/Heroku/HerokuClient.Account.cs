using HerokuTools.Heroku.Models;

namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /account: the user the token belongs to (a cheap "am I logged in" check).</summary>
    public Task<Account> GetAccountAsync(CancellationToken cancellation = default) =>
        GetAsync("/account", HerokuJsonContext.Default.Account, cancellation);
}
