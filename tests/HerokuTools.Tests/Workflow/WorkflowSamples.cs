namespace HerokuTools.Tests.Workflow;

/// <summary>heroku-tools.yml texts shared by the loader and schema tests.</summary>
internal static class WorkflowSamples
{
    /// <summary>The original format, verbatim: it must keep loading unchanged.</summary>
    public const string Seed = """
        environments:
            - label:    live
              app_name: mapp_app_1
              branch:   master
            - label:    uat
              app_name: my_app_2
              branch:   master
            - label:    dev
              app_name: my_app_3
              branch:   dev
        commands:
            collectstatic: python manage.py collectstatic
            migrate: python manage.py migrate

        """;

    /// <summary>Every key the loader knows, in use.</summary>
    public const string FullFeatured = """
        # the whole format
        environments:
          - label: live
            app_name: acme-live
            branch: main
            protected: true
            promote_from: staging
          - label: staging
            app_name: acme-staging
            branch: main
            protected: false
          - label: dev
            app_name: acme-dev
            branch: develop
        commands:
          migrate: "python manage.py migrate --noinput"
          collectstatic: python manage.py collectstatic --noinput
        """;

    /// <summary>Lines joined with \n, so a test can see which line is which.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";
}
