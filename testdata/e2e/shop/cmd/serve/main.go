// Command serve runs the shop API on a free local port and prints
// "listening on http://ADDR" once it accepts connections.
package main

import (
	"fmt"
	"log"
	"net"
	"net/http"

	"example.com/shop/api"
	"example.com/shop/handlers"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	impl := &handlers.Handlers{}
	h := api.NewHandler(impl, api.WithAuthenticator(impl))
	fmt.Printf("listening on http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, h))
}
