#:project ../src/HerokuTools.Sandbox/HerokuTools.Sandbox.csproj
#:property PublishAot=false

// Starts a sandbox (no Postgres) in the folder given, prints its API URL and token, and stops when stdin closes.
// Used by bench scripts: `dotnet run bench/sandbox-host.cs -- DIR`.
using HerokuTools.Sandbox.Hosting;

var host = await SandboxHost.StartAsync(new SandboxHostOptions { Directory = args[0], Postgres = false });
Console.WriteLine(host.ApiUrl.ToString().TrimEnd('/'));
Console.WriteLine(host.Token);
Console.Out.Flush();
await Console.In.ReadToEndAsync();
await host.DisposeAsync();
