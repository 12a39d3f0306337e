package cli

import (
	"fmt"

	ucli "github.com/urfave/cli/v2"

	"github.com/lambgen/lambgen/generator/deploy"
)

func packageCommand() *ucli.Command {
	return &ucli.Command{
		Name:      "package",
		Usage:     "write dist/packaged.yaml, a template that deploys the built zip",
		UsageText: "lambgen package [--dir DIR] [--s3-bucket BUCKET [--s3-prefix PREFIX]]",
		Description: "Points every function's CodeUri at the zip lambgen build wrote. With --s3-bucket it points at\n" +
			"s3://BUCKET/PREFIX/SHA256.zip instead and prints the aws s3 cp command that uploads it; lambgen\n" +
			"itself never touches the network.",
		Flags: []ucli.Flag{
			dirFlag,
			&ucli.StringFlag{Name: "s3-bucket", Usage: "S3 `BUCKET` the zip will be uploaded to"},
			&ucli.StringFlag{Name: "s3-prefix", Usage: "key `PREFIX` inside the bucket"},
		},
		Action: func(c *ucli.Context) error {
			if c.NArg() > 0 {
				return fmt.Errorf("package takes no arguments, got %q", c.Args().First())
			}
			if c.String("s3-prefix") != "" && c.String("s3-bucket") == "" {
				return fmt.Errorf("--s3-prefix needs --s3-bucket")
			}
			p, err := deploy.Open(c.Context, c.String("dir"))
			if err != nil {
				return fail(err)
			}
			opts := deploy.PackageOptions{S3Bucket: c.String("s3-bucket"), S3Prefix: c.String("s3-prefix")}
			_, err = deploy.Package(p, opts, c.App.Writer)
			return fail(err)
		},
	}
}
