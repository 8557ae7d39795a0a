"""Site area: this installation's identity, installation facts and the site sheet."""
