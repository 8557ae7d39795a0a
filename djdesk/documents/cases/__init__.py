"""服务事项 documents: the certificate (存根 + 正本), the 出具证明登记簿 and the statistics."""
