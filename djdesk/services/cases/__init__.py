"""服务事项: the three catalogues, case registration, certificates, their register and figures."""
