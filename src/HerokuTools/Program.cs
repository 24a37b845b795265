return await HerokuTools.Cli.App.RunAsync(args);
