module example.com/$id

go $go
