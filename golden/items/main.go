// Command items serves the Items API. On AWS Lambda it reads
// proxy events through the lambdahttp adapter; anywhere else it is a plain
// HTTP server on $PORT (default 8080).
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/items/api"
	"example.com/items/handlers"
	"example.com/items/internal/lambdahttp"
)

func main() {
	impl := &handlers.Handlers{}
	h := api.NewHandler(impl, api.WithAuthenticator(impl), api.WithClaims(gatewayClaims))
	if os.Getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		lambdahttp.Start(h, lambdahttp.WithBasePath(api.BasePath), lambdahttp.WithBinaryTypes(api.BinaryMediaTypes...))
		return
	}
	if err := serve(api.StripBasePath(h)); err != nil {
		slog.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// serve runs until SIGINT or SIGTERM, then lets requests in flight finish.
func serve(h http.Handler) error {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	srv := &http.Server{Addr: ":" + port, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		slog.Info("listening", "addr", "http://localhost:"+port+api.BasePath)
		errc <- srv.ListenAndServe()
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
